#include <stdlib.h>
#include <string.h>

#include "crm/keyset.h"
#include "crm/buf.h"
#include "crm/banned.h"

#define LINE_BITS 24
#define LINE_MASK ((1u << LINE_BITS) - 1)

uint64_t
crm_hash64(const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	/* FNV's low bits are weak: mix them (the finalizer of MurmurHash3) */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static void
grow(struct crm_keyset *ks)
{
	size_t cap = ks->cap ? ks->cap * 2 : 1 << 16;
	uint64_t *slots = crm_xcalloc(cap, sizeof(*slots));

	for (size_t i = 0; i < ks->cap; i++) {
		uint64_t v = ks->slots[i];
		size_t at;

		if (v == 0)
			continue;
		at = (size_t)(v >> LINE_BITS) & (cap - 1);
		while (slots[at] != 0)
			at = (at + 1) & (cap - 1);
		slots[at] = v;
	}
	free(ks->slots);
	ks->slots = slots;
	ks->cap = cap;
}

long
crm_keyset_add(struct crm_keyset *ks, const char *key, size_t len, long line)
{
	uint64_t fp = crm_hash64(key, len) >> LINE_BITS;	/* 40 bits */
	size_t at;

	if (fp == 0)
		fp = 1;
	if (ks->n * 2 >= ks->cap)
		grow(ks);
	at = (size_t)fp & (ks->cap - 1);
	while (ks->slots[at] != 0) {
		if ((ks->slots[at] >> LINE_BITS) == fp)
			return (long)(ks->slots[at] & LINE_MASK);
		at = (at + 1) & (ks->cap - 1);
	}
	ks->slots[at] = fp << LINE_BITS | ((uint64_t)line & LINE_MASK);
	ks->n++;
	return 0;
}

void
crm_keyset_free(struct crm_keyset *ks)
{
	free(ks->slots);
	memset(ks, 0, sizeof(*ks));
}

/* 2^26 bits (8 MiB, touched as keys come), three of them a key, all in
 * one line of 512 bits (a cache line, aligned: one miss a key, not
 * three): the line from the low bits of its hash, the three bits in it
 * from the high ones. A key it may have seen is a record held back from
 * a direct load, so few false hits are worth the memory (at a million
 * keys about 1 in 8,000; at 2^24 bits and two apart, 1 in 80). */
#define FILTER_BITS 26
#define FILTER_PROBES 3
#define LINE_WORDS 8

static size_t
filter_lines(const struct crm_keyfilter *f)
{
	return (size_t)1 << ((f->log2 >= 9 ? f->log2 : FILTER_BITS) - 9);
}

static uint64_t *
filter_line(const struct crm_keyfilter *f, uint64_t h)
{
	return f->bits + (size_t)(h & (filter_lines(f) - 1)) * LINE_WORDS;
}

void
crm_keyfilter_prefetch(const struct crm_keyfilter *f, uint64_t h)
{
	if (f->bits != NULL)
		__builtin_prefetch(filter_line(f, h), 1);
}

int
crm_keyfilter_add_hash(struct crm_keyfilter *f, uint64_t h)
{
	uint64_t *w;
	int seen = 1;

	if (f->bits == NULL) {	/* its lines on the cache's */
		f->mem = crm_xcalloc(filter_lines(f) * LINE_WORDS + LINE_WORDS,
		    sizeof(uint64_t));
		f->bits = (uint64_t *)(((uintptr_t)f->mem + 63) &
		    ~(uintptr_t)63);
	}
	w = filter_line(f, h);
	for (int i = 0; i < FILTER_PROBES; i++) {
		unsigned v = (unsigned)(h >> (32 + 9 * i)) & 511;
		uint64_t bit = 1ull << (v & 63);

		if (!(w[v >> 6] & bit))
			seen = 0;
		w[v >> 6] |= bit;
	}
	return seen;
}

int
crm_keyfilter_add(struct crm_keyfilter *f, const char *key, size_t len)
{
	return crm_keyfilter_add_hash(f, crm_hash64(key, len));
}

void
crm_keyfilter_free(struct crm_keyfilter *f)
{
	free(f->mem);
	f->mem = NULL;
	f->bits = NULL;
}
