#ifndef CICUSHIM_H
#define CICUSHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Word boundaries of UTF-16 `text` (ICU word break iterator, root locale).
/// Writes up to `capacity` boundary offsets (UTF-16 units, starting with 0 and
/// ending with `length`) and, for each boundary, ICU's rule status of the segment
/// that ends there (0 = none/punctuation/space, 100.. = number, 200.. = letter,
/// 300.. = kana, 400.. = ideographic). Returns the number of boundaries, or -1 on
/// an ICU error, or -(needed) when `capacity` is too small.
int32_t cicu_word_boundaries(const uint16_t *text, int32_t length,
                             int32_t *boundaries, int32_t *statuses,
                             int32_t capacity);

/// Folds UTF-16 `text`: lower-case, Latin/Greek/Cyrillic diacritics removed,
/// Latin letters and typographic punctuation mapped to ASCII where an equivalent
/// exists ("Crème" → "creme", "Straße" → "strasse", "’" → "'"); other scripts
/// stay in their script (lower-cased). ICU transliterator
/// `Lower; NFD; [\u0300-\u036F] Remove; NFC; Latin-ASCII; Lower`. Writes at most `capacity`
/// units to `out`; returns the folded length, -1 on an ICU error, or -(needed)
/// when `capacity` is too small.
int32_t cicu_fold(const uint16_t *text, int32_t length, uint16_t *out,
                  int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
