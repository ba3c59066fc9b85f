#include "regcoord/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rc_strbuf_init(rc_strbuf *b) { memset(b, 0, sizeof *b); }

void rc_strbuf_free(rc_strbuf *b)
{
    free(b->data);
    rc_strbuf_init(b);
}

static int reserve(rc_strbuf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *grown = realloc(b->data, cap);
    if (!grown) {
        b->failed = 1;
        return 0;
    }
    b->data = grown;
    b->cap = cap;
    return 1;
}

void rc_strbuf_appendn(rc_strbuf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void rc_strbuf_append(rc_strbuf *b, const char *s) { rc_strbuf_appendn(b, s, strlen(s)); }

void rc_strbuf_printf(rc_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void rc_strbuf_append_xml(rc_strbuf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': rc_strbuf_append(b, "&amp;"); break;
        case '<': rc_strbuf_append(b, "&lt;"); break;
        case '>': rc_strbuf_append(b, "&gt;"); break;
        case '"': rc_strbuf_append(b, "&quot;"); break;
        case '\'': rc_strbuf_append(b, "&#39;"); break;
        default: rc_strbuf_appendn(b, s, 1);
        }
    }
}

char *rc_strbuf_take(rc_strbuf *b)
{
    char *s = b->failed ? NULL : b->data;
    if (b->failed)
        free(b->data);
    else if (!s)
        s = calloc(1, 1);
    rc_strbuf_init(b);
    return s;
}
