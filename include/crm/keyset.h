/* A set of keys seen, for duplicate checks within one import: each key
 * is kept as a 64-bit fingerprint and the number of the line it came
 * from, 8 bytes a key, so that a million-row file needs a few dozen
 * megabytes and no string copies. A fingerprint can collide (about once
 * in 10^8 lookups at a million keys), so a hit says "probably line N":
 * the caller checks line N's real key. */
#ifndef CRM_KEYSET_H
#define CRM_KEYSET_H

#include <stddef.h>
#include <stdint.h>

struct crm_keyset {
	uint64_t *slots;	/* fingerprint (40 bits) << 24 | line */
	size_t cap, n;		/* cap: a power of two */
};

/* The line a key was first added with, or 0; adds (key, line) when the
 * key is new. Lines must be 1 .. 16777215. */
long crm_keyset_add(struct crm_keyset *ks, const char *key, size_t len,
    long line);
void crm_keyset_free(struct crm_keyset *ks);

/* A filter of the keys seen, of a size that does not grow (8 MiB): a key
 * it says is new surely is; one it says may have been seen may not have
 * been (about 1 in 8,000 at a million keys, more past that). Enough to
 * hold back the records worth a look afterwards without keeping keys. */
struct crm_keyfilter {
	uint64_t *bits;		/* NULL until the first key */
	void *mem;		/* where they are */
	int log2;		/* 2^log2 bits (9 or more); 0: 26 */
};

/* 1 if key may have been added before, else 0; adds it. */
int crm_keyfilter_add(struct crm_keyfilter *f, const char *key, size_t len);
/* The same for a key by its crm_hash64 (made where the key was, on
 * another thread); and the filter's memory of that key brought near
 * before it is added. */
int crm_keyfilter_add_hash(struct crm_keyfilter *f, uint64_t h);
void crm_keyfilter_prefetch(const struct crm_keyfilter *f, uint64_t h);
void crm_keyfilter_free(struct crm_keyfilter *f);

/* The 64-bit hash under the fingerprints (FNV-1a, then mixed). */
uint64_t crm_hash64(const void *p, size_t len);

#endif
