/* The user entity: the fields of a member of the team, their aliases
 * (the header names of Chinese and English spreadsheets), and the rules
 * of its own that hold after every change. The rules that need the
 * database (a manager is a user and no one's report, an active admin is
 * left) are in lib/user.c. */
#include "crm/user.h"
#include "crm/i18n.h"
#include "crm/record.h"
#include "crm/banned.h"

/* The name and the email go into the headers of reminder mails: the
 * mail module's rules (CRM_F_MAIL). */
static const struct crm_field fields[CRM_USER_NFIELDS] = {
	[CRM_UF_LOGIN] = { "login", "用户名|登录名|账号", CRM_K_KEY,
	    CRM_F_REQUIRED, NULL, NULL, NULL, NULL },
	[CRM_UF_NAME] = { "name", "姓名|名字", CRM_K_TEXT,
	    CRM_F_REQUIRED | CRM_F_MAIL, NULL, NULL, NULL, NULL },
	[CRM_UF_ROLE] = { "role", "角色", CRM_K_ENUM, CRM_F_REQUIRED,
	    "admin|manager|rep|finance|marketing", NULL, NULL, NULL },
	[CRM_UF_REGION] = { "region", "地区|区域|战区", CRM_K_TEXT, 0, NULL,
	    NULL, NULL, NULL },
	[CRM_UF_MANAGER] = { "manager", "上级|经理|主管", CRM_K_LOGIN, 0,
	    NULL, NULL, NULL, NULL },
	[CRM_UF_EMAIL] = { "email", "邮箱|电子邮件|e-mail", CRM_K_EMAIL,
	    CRM_F_MAIL, NULL, NULL, NULL, NULL },
	[CRM_UF_ACTIVE] = { "active", "启用|在职", CRM_K_BOOL, CRM_F_ZERO,
	    NULL, NULL, NULL, NULL },
	/* a list reads them back; an import passes them over */
	[CRM_UF_CREATED_AT] = { "created_at", NULL, CRM_K_TIME,
	    CRM_F_SYSTEM | CRM_F_UNAUDITED, NULL, NULL, NULL, NULL },
	/* where there is no terminal of theirs (mail): NULL is ui.lang */
	[CRM_UF_LANG] = { "lang", "语言", CRM_K_ENUM, 0, "en|zh_CN", NULL,
	    NULL, NULL },
	[CRM_UF_UPDATED_AT] = { "updated_at", NULL, CRM_K_TIME,
	    CRM_F_SYSTEM | CRM_F_UNAUDITED, NULL, NULL, NULL, NULL },
};

/* A user has a name and a role, and is active or not: a cleared active
 * is neither. */
static int
user_finish(struct crm_record *u, const char **bad, struct crm_err *e)
{
	*bad = "name";
	if (u->f[CRM_UF_NAME] == NULL)
		return crm_err_set(e, CRM_EX_DATAERR, "a user needs a name "
		    "(--name)");
	*bad = "role";
	if (u->f[CRM_UF_ROLE] == NULL)
		return crm_err_set(e, CRM_EX_DATAERR, "a user needs a role "
		    "(--role admin|manager|rep|finance|marketing)");
	*bad = "active";
	if (u->f[CRM_UF_ACTIVE] == NULL)
		return crm_err_set(e, CRM_EX_DATAERR, "'' is not yes or no");
	*bad = NULL;
	return 0;
}

const struct crm_entity crm_user_entity = {
	.name = NC_("entity", "user"), .table = "users",
	.fields = fields, .nfields = CRM_USER_NFIELDS,
	.title = CRM_UF_LOGIN, .finish = user_finish,
	.undo = crm_user_undo,
};
