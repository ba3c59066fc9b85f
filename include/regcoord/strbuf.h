/* strbuf.h — a growable string, used to assemble SVG and HTML. */
#ifndef REGCOORD_STRBUF_H
#define REGCOORD_STRBUF_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    char *data;  /* NUL-terminated; NULL until the first append */
    size_t len, cap;
    int failed;  /* an allocation failed: later appends are ignored, check once at the end */
} rc_strbuf;

void rc_strbuf_init(rc_strbuf *b);
void rc_strbuf_free(rc_strbuf *b);
void rc_strbuf_append(rc_strbuf *b, const char *s);
void rc_strbuf_appendn(rc_strbuf *b, const char *s, size_t n);
void rc_strbuf_printf(rc_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append s with &, <, >, " and ' escaped for HTML/XML text and attributes. */
void rc_strbuf_append_xml(rc_strbuf *b, const char *s);
/* Hand over the string (caller frees); the buffer is reset. NULL if an allocation failed. */
char *rc_strbuf_take(rc_strbuf *b);

#ifdef __cplusplus
}
#endif
#endif
