/* gen-deals: deterministic deals shaped like the CRM Sales Opportunities
 * data of Maven Analytics (opportunity_id, sales_agent, product,
 * account, deal_stage, engage_date, close_date, close_value), for the
 * tests and the benchmarks.
 *
 *   gen-deals ROWS [--seed S] [--agents N] [--accounts N]
 *             [--no-account-pct P] [--start N]
 *   gen-deals --users [--agents N]
 *
 * Agents are people's names ("Moses Frase"), the N first of a fixed
 * list; --users prints them as login,name (agent01 ...) for the users to
 * make. Accounts are company names, the N first of a fixed list. Stages
 * are Prospecting (no dates), Engaging (an engage date), Won and Lost
 * (both dates; a lost deal's value is 0), in about Maven's shares; a
 * share of the open deals has no account (--no-account-pct), as in
 * Maven's file. The same arguments always give the same bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t
rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static unsigned
pick(unsigned n)
{
	return (unsigned)(rng() % n);
}

#define N(a) (sizeof(a) / sizeof(*(a)))

static const char *const firsts[] = { "Moses", "Darcel", "Anna", "Cecily",
	"Versie", "Lajuana", "Jonathan", "Marty", "Gladys", "Niesha",
	"Violet", "Corliss", "Rosie", "Garret", "Wilburn", "Daniell",
	"Cassey", "Donn", "Reed", "Boris" };
static const char *const lasts[] = { "Frase", "Schlecht", "Snelling",
	"Lampkin", "Hillebrand", "Vencill", "Berthelot", "Freudenburg",
	"Colclough", "Huffines" };
static const char *const heads[] = { "Can", "Is", "Code", "Zoo", "Bio",
	"Beta", "Dal", "Gold", "Hot", "Kan", "Lat", "Mat", "Nam", "Ope",
	"Plus", "Ron", "Sonron", "Stan", "Tran", "Vol" };
static const char *const tails[] = { "city", "dom", "how", "tech",
	"holding", "soloin", "fax", "ex", "lane", "zone" };
static const struct { const char *name; int price; } products[] = {
	{ "GTX Basic", 550 }, { "GTX Pro", 4821 }, { "MG Special", 55 },
	{ "MG Advanced", 3393 }, { "GTX Plus Pro", 5482 },
	{ "GTX Plus Basic", 1096 }, { "GTK 500", 26768 } };

/* Days since 1970-01-01 of a civil date, and back (Howard Hinnant's
 * algorithms). */
static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil(long z, char out[16])
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(out, 16, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

static void
agent(unsigned k, char *out, size_t size)
{
	snprintf(out, size, "%s %s", firsts[k % N(firsts)],
	    lasts[k / N(firsts) % N(lasts)]);
}

static void
deal(unsigned agents, unsigned accounts, double no_acct)
{
	static const char alnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	static const char *const stages[] = { "Prospecting", "Engaging",
		"Won", "Lost" };
	unsigned r = pick(100), st = r < 6 ? 0 : r < 24 ? 1 : r < 72 ? 2 : 3;
	unsigned p = pick(N(products)), a = pick(accounts);
	char id[9], name[64], engage[16] = "", close[16] = "";
	long day = days_from_civil(2016, 10, 20) + pick(430);
	int value = 0;

	for (int i = 0; i < 8; i++)
		id[i] = alnum[pick(sizeof(alnum) - 1)];
	id[8] = '\0';
	agent(pick(agents), name, sizeof(name));
	if (st >= 1)
		civil(day, engage);
	if (st >= 2)
		civil(day + 1 + pick(140), close);
	if (st == 2)
		value = products[p].price * (80 + (int)pick(41)) / 100;
	printf("%s,%s,%s,", id, name, products[p].name);
	if (!(st < 2 && pick(10000) < (unsigned)(no_acct * 100)))
		printf("%s%s", heads[a % N(heads)],
		    tails[a / N(heads) % N(tails)]);
	printf(",%s,%s,%s,", stages[st], engage, close);
	if (st >= 2)
		printf("%d", value);
	putchar('\n');
}

int
main(int argc, char **argv)
{
	unsigned long rows = 0, start = 1;
	unsigned agents = 10, accounts = 40;
	double no_acct = 0;
	uint64_t seed = 11;
	int users = 0;

	for (int a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--seed") && a + 1 < argc)
			seed = strtoull(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "--agents") && a + 1 < argc)
			agents = (unsigned)strtoul(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "--accounts") && a + 1 < argc)
			accounts = (unsigned)strtoul(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "--no-account-pct") && a + 1 < argc)
			no_acct = atof(argv[++a]);
		else if (!strcmp(argv[a], "--start") && a + 1 < argc)
			start = strtoul(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "--users"))
			users = 1;
		else if (argv[a][0] != '-' && rows == 0)
			rows = strtoul(argv[a], NULL, 10);
		else {
			fprintf(stderr, "gen-deals: bad argument '%s'\n",
			    argv[a]);
			return 64;
		}
	}
	if ((rows == 0 && !users) || agents == 0 || accounts == 0 ||
	    agents > N(firsts) * N(lasts) || accounts > N(heads) * N(tails)) {
		fprintf(stderr, "usage: gen-deals ROWS [--seed S] [--agents N "
		    "(1-%zu)] [--accounts N (1-%zu)] [--no-account-pct P] "
		    "[--start N]\n       gen-deals --users [--agents N]\n",
		    N(firsts) * N(lasts), N(heads) * N(tails));
		return 64;
	}
	if (users) {
		char name[64];

		puts("login,name");
		for (unsigned k = 0; k < agents; k++) {
			agent(k, name, sizeof(name));
			printf("agent%02u,%s\n", k + 1, name);
		}
		return 0;
	}
	rng_state = seed * 0x9E3779B97F4A7C15ULL + start + 1;
	puts("opportunity_id,sales_agent,product,account,deal_stage,"
	    "engage_date,close_date,close_value");
	for (unsigned long i = 0; i < rows; i++)
		deal(agents, accounts, no_acct);
	return 0;
}
