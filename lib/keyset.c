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
 * one block of 512 bits (a cache line: one miss a key, not three): a
 * key it may have seen is a record held back from a direct load, so few
 * false hits are worth the memory (at a million keys about 1 in 8,000;
 * at 2^24 bits and two apart, 1 in 80). */
#define FILTER_BITS 26
#define FILTER_PROBES 3
#define BLOCK_WORDS 8

int
crm_keyfilter_add(struct crm_keyfilter *f, const char *key, size_t len)
{
	int log2 = f->log2 >= 9 ? f->log2 : FILTER_BITS;
	uint64_t h = crm_hash64(key, len), *block;
	size_t nblocks = (size_t)1 << (log2 - 9);
	int seen = 1;

	if (f->bits == NULL)
		f->bits = crm_xcalloc(nblocks * BLOCK_WORDS, sizeof(uint64_t));
	block = f->bits + (h & (nblocks - 1)) * BLOCK_WORDS;
	for (int i = 0; i < FILTER_PROBES; i++) {
		unsigned v = (unsigned)(h >> (32 + 9 * i)) & 511;
		uint64_t bit = 1ull << (v & 63);

		if (!(block[v >> 6] & bit))
			seen = 0;
		block[v >> 6] |= bit;
	}
	return seen;
}

void
crm_keyfilter_free(struct crm_keyfilter *f)
{
	free(f->bits);
	f->bits = NULL;
}
