/* Every name people read as a word has its line in lib/column-names.c,
 * where it is marked for translation: each field of every registered
 * entity (a table's header), each entity's name and table, and what each
 * of its duplicate keys is. A new field cannot ship without its header
 * in Chinese (make check then fails in tools/check-po.sh until it has
 * one). */
#include "unit.h"
#include "crm/column-names.h"
#include "crm/entities.h"

static int
listed(const char *const *list, const char *name)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

static void
check_listed(const char *const *list, const char *what, const char *ent,
    const char *name)
{
	if (!listed(list, name))
		fail_msg("%s '%s' of the entity '%s' is not in %s "
		    "(lib/column-names.c)", what, name, ent,
		    list == crm_column_names ? "crm_column_names" :
		    list == crm_entity_names ? "crm_entity_names" :
		    list == crm_entity_tables ? "crm_entity_tables" :
		    "crm_key_names");
}

static void
every_field_has_a_header(void **state)
{
	(void)state;
	assert_non_null(crm_entities[0]);
	for (size_t i = 0; crm_entities[i]; i++) {
		const struct crm_entity *ent = crm_entities[i];

		for (size_t f = 0; f < ent->nfields; f++)
			check_listed(crm_column_names, "the field", ent->name,
			    ent->fields[f].name);
	}
}

static void
every_entity_has_its_words(void **state)
{
	(void)state;
	for (size_t i = 0; crm_entities[i]; i++) {
		const struct crm_entity *ent = crm_entities[i];

		check_listed(crm_entity_names, "the name", ent->name,
		    ent->name);
		check_listed(crm_entity_tables, "the table", ent->name,
		    ent->table);
		for (size_t k = 0; k < ent->nkeys; k++)
			check_listed(crm_key_names, "the key", ent->name,
			    ent->keys[k].what);
	}
}

/* Each name once: a second line would be a second msgid to keep. */
static void
no_name_twice(void **state)
{
	const char *const *lists[] = { crm_column_names, crm_entity_names,
		crm_entity_tables, crm_key_names };

	(void)state;
	for (size_t l = 0; l < sizeof(lists) / sizeof(*lists); l++)
		for (size_t i = 0; lists[l][i]; i++)
			for (size_t j = i + 1; lists[l][j]; j++)
				if (strcmp(lists[l][i], lists[l][j]) == 0)
					fail_msg("'%s' is listed twice",
					    lists[l][i]);
}

/* Without a catalogue (English), the words are the names themselves. */
static void
english_words_are_the_names(void **state)
{
	(void)state;
	setenv("LANGUAGE", "en", 1);
	for (size_t i = 0; crm_entities[i]; i++) {
		const struct crm_entity *ent = crm_entities[i];

		assert_string_equal(crm_entity_word(ent), ent->name);
		assert_string_equal(crm_entity_words(ent), ent->table);
		for (size_t k = 0; k < ent->nkeys; k++)
			assert_string_equal(crm_key_word(&ent->keys[k]),
			    ent->keys[k].what);
	}
	assert_string_equal(crm_column_word("owner"), "owner");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_field_has_a_header),
		cmocka_unit_test(every_entity_has_its_words),
		cmocka_unit_test(no_name_twice),
		cmocka_unit_test(english_words_are_the_names),
	};

	return RUN(tests);
}
