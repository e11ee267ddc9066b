#include "cicushim.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

// ICU objects are expensive to open; keep one per thread.
static __thread UBreakIterator *word_iterator = NULL;
static __thread UTransliterator *folder = NULL;

int32_t cicu_word_boundaries(const uint16_t *text, int32_t length,
                             int32_t *boundaries, int32_t *statuses,
                             int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    if (word_iterator == NULL) {
        word_iterator = ubrk_open(UBRK_WORD, "", NULL, 0, &status);
        if (U_FAILURE(status)) { word_iterator = NULL; return -1; }
    }
    ubrk_setText(word_iterator, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    int32_t needed = 0;
    for (int32_t b = ubrk_first(word_iterator); b != UBRK_DONE; b = ubrk_next(word_iterator)) {
        if (count < capacity) {
            boundaries[count] = b;
            statuses[count] = count == 0 ? 0 : ubrk_getRuleStatus(word_iterator);
            count++;
        }
        needed++;
    }
    return needed > capacity ? -needed : count;
}

int32_t cicu_fold(const uint16_t *text, int32_t length, uint16_t *out,
                  int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    if (folder == NULL) {
        // Lower first so that NFD sees lower-case letters; strip only the combining
        // diacritics block (Latin, Greek, Cyrillic accents) so that marks which
        // carry meaning in other scripts (Devanagari vowel signs, ...) stay;
        // Latin-ASCII maps ß/æ/ø/ł and typographic quotes and dashes.
        static const char *rules = "Lower; NFD; [\\u0300-\\u036F] Remove; NFC; Latin-ASCII; Lower";
        UChar id[64];
        u_uastrcpy(id, rules);
        folder = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
        if (U_FAILURE(status)) { folder = NULL; return -1; }
    }
    if (length > capacity) return -length * 4 - 16;
    memcpy(out, text, (size_t)length * sizeof(uint16_t));
    int32_t textLength = length;
    int32_t limit = length;
    utrans_transUChars(folder, (UChar *)out, &textLength, capacity, 0, &limit, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -textLength - 16;
    if (U_FAILURE(status)) return -1;
    return textLength;
}
