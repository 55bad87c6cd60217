/* Settings rules and the small YAML tree under them. */
#include "unit.h"
#include "crm/setting.h"
#include "crm/ytree.h"

static void
ok(const char *key, const char *yaml, const char *json)
{
	struct crm_buf b = { 0 };
	struct crm_err e = { 0 };

	if (crm_setting_check(key, yaml, &b, &e) != 0)
		fail_msg("%s = %s: %s", key, yaml, e.msg);
	if (json)
		assert_string_equal(crm_buf_str(&b), json);
	crm_buf_free(&b);
}

static void
bad(const char *key, const char *yaml, const char *why)
{
	struct crm_buf b = { 0 };
	struct crm_err e = { 0 };

	assert_int_equal(crm_setting_check(key, yaml, &b, &e), -1);
	assert_int_equal(e.code, 78);
	if (!strstr(e.msg, key) || (why && !strstr(e.msg, why)))
		fail_msg("%s = %s: '%s' lacks key or '%s'", key, yaml, e.msg,
		    why);
	crm_buf_free(&b);
}

static void
defaults_are_valid(void **state)
{
	(void)state;
	for (size_t i = 0; i < crm_setting_count(); i++)
		ok(crm_setting_at(i)->key, crm_setting_at(i)->def, NULL);
	assert_null(crm_setting_at(crm_setting_count()));
}

static void
rules(void **state)
{
	(void)state;
	ok("recycle.followup_days", "{A: 40}", "{\"A\":40}");
	ok("recycle.deal_days", "{}", "{}");
	bad("recycle.followup_days", "{F: 3}", "tier 'F'");
	bad("recycle.followup_days", "{A: 0}", "whole number from 1");
	bad("recycle.followup_days", "[1, 2]", NULL);
	ok("pool.max_owned", "0", "0");
	bad("pool.max_owned", "-1", NULL);
	bad("pool.max_owned", "'5'", NULL);
	ok("pool.same_region", "no", "false");
	bad("pool.same_region", "2", "true or false");
	ok("customer.required", "[name, phone]", "[\"name\",\"phone\"]");
	bad("customer.required", "[name, phnoe]", "'phnoe' is not a customer "
	    "field");
	bad("deal.lost_reasons", "[]", NULL);
	bad("deal.lost_reasons", "[a, a]", "appears twice");
	bad("deal.stages", "[{key: a, probability: 10}, {key: won, "
	    "probability: 100}, {key: lost, probability: 0}, "
	    "{key: a, probability: 20}]", "appears twice");
	bad("deal.stages", "[{key: a, probability: 10}, {key: b, "
	    "probability: 50}, {key: won, probability: 100}]", "won and lost");
	bad("deal.stages", "[{key: a, probability: 101}, {key: won, "
	    "probability: 100}, {key: lost, probability: 0}]", NULL);
	ok("quote.approval", "{manager: {discount: 5}}", NULL);
	bad("quote.approval", "{boss: {discount: 5}}", "not an approver");
	bad("quote.approval", "{manager: {total: lots}}", "amount");
	ok("order.number_format", "INV-%Y%m-%05n", NULL);
	bad("order.number_format", "SO-%Y", "exactly once");
	bad("order.number_format", "SO-%x-%n", NULL);
	bad("order.number_format", "SO-%06n", "%Y");
	ok("pay.default_terms", "33.34%:0, 33.33%:30,33.33%:60", NULL);
	bad("pay.default_terms", "30%:0,70%:-1", NULL);
	bad("pay.default_terms", "0%:0,100%:30", NULL);
	ok("pay.default_terms", "30%:0,70%:30", NULL);
	bad("pay.default_terms", "30%:0,60%:30", "add up to 100");
	bad("pay.default_terms", "30:0", NULL);
	ok("lead.score_rules", "{has_phone: 5, source: {web: 1}}", NULL);
	bad("lead.score_rules", "{colour: {red: 1}}", "unknown rule");
	ok("currency", "USD", "\"USD\"");
	bad("currency", "usd", NULL);
	bad("nope.nope", "1", "unknown setting");
	bad("pool.max_owned", "[1,", NULL);
}

static struct crm_ynode *
tree(const char *text)
{
	struct crm_ynode *n = NULL;
	struct crm_err e = { 0 };

	if (crm_ytree_parse(text, strlen(text), "t", &n, &e) != 0)
		fail_msg("%s: %s", text, e.msg);
	return n;
}

static void
ytree_flow_and_json(void **state)
{
	struct crm_ynode *n = tree("{a: [1, 'two', \"3\"], b: null, c: yes, "
	    "d: 'x: y'}");
	struct crm_buf b = { 0 };

	(void)state;
	crm_ytree_json(n, &b);
	assert_string_equal(b.s, "{\"a\":[1,\"two\",\"3\"],\"b\":null,"
	    "\"c\":true,\"d\":\"x: y\"}");
	crm_buf_reset(&b);
	crm_ytree_flow(n, &b);
	assert_string_equal(b.s, "{a: [1, two, \"3\"], b: null, c: yes, "
	    "d: \"x: y\"}");
	crm_ytree_free(n);
	/* the flow form reads back as the same value */
	n = tree(b.s);
	crm_buf_reset(&b);
	crm_ytree_json(n, &b);
	assert_string_equal(b.s, "{\"a\":[1,\"two\",\"3\"],\"b\":null,"
	    "\"c\":true,\"d\":\"x: y\"}");
	crm_ytree_free(n);
	crm_buf_free(&b);
}

static void
ytree_limits(void **state)
{
	struct crm_ynode *n;
	struct crm_err e = { 0 };
	char deep[200];

	(void)state;
	assert_int_equal(crm_ytree_parse("a: &x 1\nb: *x\n", 14, "t", &n, &e),
	    -1);
	assert_non_null(strstr(e.msg, "aliases"));
	memset(deep, '[', sizeof(deep));
	assert_int_equal(crm_ytree_parse(deep, sizeof(deep), "t", &n, &e), -1);
	assert_non_null(strstr(e.msg, "nested deeper"));
	assert_int_equal(crm_ytree_parse("a: 1\na: 2\n", 10, "t", &n, &e), -1);
	assert_non_null(strstr(e.msg, "appears twice"));
	assert_int_equal(crm_ytree_parse("\xff", 1, "t", &n, &e), -1);
	n = tree("");
	assert_int_equal(n->type, CRM_Y_NULL);
	crm_ytree_free(n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_are_valid),
		cmocka_unit_test(rules),
		cmocka_unit_test(ytree_flow_and_json),
		cmocka_unit_test(ytree_limits),
	};

	return RUN(tests);
}
