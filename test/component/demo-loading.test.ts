import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setBridge } from '../../src/bridge'
import { loadDemo } from '../../src/demo-loading'
import { useInspectionStore } from '../../src/stores/inspection'
import { useKeysStore } from '../../src/stores/keys'
import { createFakeBridge } from './fake-bridge'

beforeEach(() => {
  setActivePinia(createPinia())
  setBridge(createFakeBridge())
})

describe('demo loading', () => {
  it('loads the demo keys and hands their examples to the inspector', async () => {
    expect(await loadDemo()).toBe(true)
    const store = useKeysStore()
    expect(store.demoLoaded).toBe(true)
    expect(useInspectionStore().examples.map((example) => example.name)).toEqual(['roxchat-merge.sample.json'])
    expect(store.reports).toHaveLength(1)
  })
})
