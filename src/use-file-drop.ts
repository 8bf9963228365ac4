import { ref, type Ref } from 'vue'

export interface FileDrop {
  /** A file is being dragged over the zone: show where it can go. */
  readonly active: Ref<boolean>
  readonly onDragEnter: (event: DragEvent) => void
  readonly onDragOver: (event: DragEvent) => void
  readonly onDragLeave: (event: DragEvent) => void
  readonly onDrop: (event: DragEvent) => void
}

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false
}

/** Drop-zone handlers that hand over the dropped files and ignore dragged text. */
export function useFileDrop(accept: (files: File[]) => void): FileDrop {
  const active = ref(false)
  // dragenter/dragleave fire for every child crossed: count them to know when the zone is left.
  let depth = 0
  return {
    active,
    onDragEnter(event) {
      if (!carriesFiles(event)) return
      event.preventDefault()
      depth += 1
      active.value = true
    },
    onDragOver(event) {
      if (!carriesFiles(event)) return
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
    },
    onDragLeave() {
      depth = Math.max(0, depth - 1)
      if (depth === 0) active.value = false
    },
    onDrop(event) {
      depth = 0
      active.value = false
      const files = [...(event.dataTransfer?.files ?? [])]
      if (files.length === 0) return
      event.preventDefault()
      accept(files)
    },
  }
}
