// Inserts a variable where the cursor is in the template editor's textarea (or at its end), and
// returns the new text so the Blazor form keeps the same value as the field.
export function insertAtCursor(textarea, text) {
    if (!textarea) {
        return null;
    }

    const start = textarea.selectionStart ?? textarea.value.length;
    const end = textarea.selectionEnd ?? start;
    textarea.value = textarea.value.slice(0, start) + text + textarea.value.slice(end);
    textarea.focus();
    textarea.selectionStart = textarea.selectionEnd = start + text.length;
    return textarea.value;
}
