import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createTestingPinia } from '@pinia/testing'
import App from '../../src/App.vue'

describe('App', () => {
  it('shows the app name', () => {
    const wrapper = mount(App, {
      global: { plugins: [createTestingPinia({ createSpy: vi.fn })] },
    })

    expect(wrapper.get('h1').text()).toBe('Visitor Inspector')
  })
})
