// Puts the counter's search box back in focus with its text selected, so the next card typed or
// scanned (a USB scanner types, then presses Enter) replaces the previous search.
export function focusAndSelect(input) {
    input?.focus();
    input?.select();
}
