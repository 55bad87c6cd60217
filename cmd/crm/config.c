/* crm config get|set|unset|list|export|import */
#include <stdio.h>

#include "crm.h"
#include "crm/buf.h"
#include "crm/i18n.h"
#include "crm/setting.h"
#include "crm/banned.h"

static int
cmd_config_get(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_buf val = { 0 };
	int rc;

	if (s == NULL)
		return crm_fail(c);
	rc = c->fmt == CRM_FMT_JSON ?
	    crm_setting_json(s, c->argv[0], &val, &c->err) :
	    crm_setting_yaml(s, c->argv[0], &val, &c->err);
	if (rc == 0)
		printf("%s\n", crm_buf_str(&val));
	crm_buf_free(&val);
	return rc < 0 ? crm_fail(c) : 0;
}

static const struct crm_opt set_opts[] = {
	{ "move-to", 1, "STAGE", N_("deal.stages: move the deals in a stage "
	    "it drops into STAGE"), "@stage" },
	{ NULL, 0, NULL, NULL, NULL }
};

static int
cmd_config_set(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);

	if (s == NULL || crm_setting_set_moving(s, c->argv[0], c->argv[1],
	    crm_opt(c, "move-to"), &c->err) < 0)
		return crm_fail(c);
	return 0;
}

static int
cmd_config_unset(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);

	if (s == NULL || crm_setting_set_moving(s, c->argv[0], NULL,
	    crm_opt(c, "move-to"), &c->err) < 0)
		return crm_fail(c);
	return 0;
}

static int
cmd_config_list(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);

	if (s == NULL)
		return crm_fail(c);
	return crm_print_rows(c, crm_setting_list(s, &c->err), 0, NULL);
}

static int
cmd_config_export(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);

	if (s == NULL || crm_setting_export(s, stdout, &c->err) < 0)
		return crm_fail(c);
	return 0;
}

static int
cmd_config_import(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	int changed;

	if (s == NULL ||
	    crm_setting_import(s, c->argc ? c->argv[0] : "-", &changed,
	    &c->err) < 0)
		return crm_fail(c);
	if (!c->dry_run && changed)
		crm_note(c, "settings imported (run %lld)", (long long)s->run);
	else if (!c->dry_run)
		crm_note(c, "settings unchanged");
	return 0;
}

const struct crm_verb crm_config_verbs[] = {
	{ "get", cmd_config_get, "KEY", N_("print a setting's value (yaml; "
	    "json with -f json; KEY.SUBKEY: one entry)"), NULL, 0, NULL, 1,
	    1 },
	/* a VALUE may start with '-' (-1): checked by the setting's rule,
	 * not taken for an option */
	{ "set", cmd_config_set, "KEY VALUE", N_("set a setting (a yaml "
	    "value; KEY.SUBKEY sets one entry of a mapping)"), set_opts,
	    CRM_VERB_WRITES | CRM_VERB_SIGNED_ARGS, NULL, 2, 2 },
	{ "unset", cmd_config_unset, "KEY", N_("return a setting (or "
	    "KEY.SUBKEY, one entry) to its default"), set_opts,
	    CRM_VERB_WRITES, NULL, 1, 1 },
	{ "list", cmd_config_list, NULL, N_("every setting with its value "
	    "and default"), NULL, 0, NULL, 0, 0 },
	{ "export", cmd_config_export, NULL, N_("every setting as one yaml "
	    "mapping"), NULL, 0, NULL, 0, 0 },
	{ "import", cmd_config_import, "[FILE|-]", N_("set settings from a "
	    "yaml mapping: all checked first, all or nothing"), NULL,
	    CRM_VERB_WRITES, NULL, 0, 1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};
