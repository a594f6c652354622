// A Svelte action for <details> used as a popup (filter pickers, column chooser): Escape closes it
// and gives focus back to its summary; a click or tap outside closes it too.
export function dismissible(details: HTMLDetailsElement): { destroy(): void } {
  const close = (refocus: boolean) => {
    if (!details.open) return;
    details.open = false;
    if (refocus) details.querySelector('summary')?.focus();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && details.open) {
      event.stopPropagation();
      close(true);
    }
  };
  const onPointer = (event: PointerEvent) => {
    if (!details.contains(event.target as Node)) close(false);
  };
  details.addEventListener('keydown', onKey);
  document.addEventListener('pointerdown', onPointer);
  return {
    destroy() {
      details.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    },
  };
}
