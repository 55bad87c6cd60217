/* gen-orders: deterministic sales orders, one row per order line, in the
 * shape of commands.md's order import (number,date,customer,status,sku,
 * qty,price,discount) and of real exports (the Northwind orders joined
 * with their details), for the tests and the benchmarks.
 *
 *   gen-orders LINES [--seed S] [--customers N] [--products N]
 *              [--year Y] [--start N]
 *   gen-orders --products [--products N]
 *   gen-orders --customers [--customers N]
 *
 * An order has 1 to 7 lines (4 on average), its rows together; numbers
 * are SO-YEAR-NNNNNN from --start. Customers are named by Chinese and
 * English company names with a number ("华腾贸易 0012"), the N first;
 * --customers prints them as name,region for the customers to import
 * first. Products are SKUs P00001… with Chinese and English names;
 * --products prints the catalogue (sku,name,category,unit,price).
 * Prices are empty in about a third of the lines (the catalogue's
 * price then), discounts mostly empty, else 2.5 to 15 (percent).
 * The same arguments always give the same bytes. */
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

static const char *const firms[] = { "华腾贸易", "Northwind Traders",
	"金山科技", "Alfreds Futterkiste", "东方机电", "Bon app'",
	"恒通物流", "Ernst Handel", "远大建材", "Folk och fä HB",
	"天宇电子", "Hanari Carnes" };
static const char *const regions[] = { "华东", "华北", "华南", "西南" };
static const struct { const char *name, *cat, *unit; int cents; }
    goods[] = {
	{ "旅行自行车", "整车", "辆", 239999 },
	{ "山地自行车", "整车", "辆", 459900 },
	{ "头盔", "配件", "个", 19900 },
	{ "挡泥板", "配件", "对", 4550 },
	{ "骑行服", "服装", "件", 32000 },
	{ "Chai", "Beverages", "box", 1800 },
	{ "Chang", "Beverages", "box", 1900 },
	{ "Aniseed Syrup", "Condiments", "bottle", 1000 },
	{ "Tofu", "Produce", "kg", 2325 },
	{ "Ikura", "Seafood", "jar", 3100 } };

static void
customer(unsigned k, char *out, size_t size)
{
	snprintf(out, size, "%s %04u", firms[k % N(firms)], k + 1);
}

static int
price_of(unsigned p)
{
	/* the same product always has the same catalogue price */
	return goods[p % N(goods)].cents + (int)(p / N(goods)) * 100;
}

static void
catalogue(unsigned products)
{
	puts("sku,name,category,unit,price");
	for (unsigned p = 0; p < products; p++) {
		int c = price_of(p);

		printf("P%05u,%s %u,%s,%s,%d.%02d\n", p + 1,
		    goods[p % N(goods)].name, (unsigned)(p / N(goods)) + 1,
		    goods[p % N(goods)].cat, goods[p % N(goods)].unit,
		    c / 100, c % 100);
	}
}

static void
line(const char *number, const char *date, const char *cust,
    const char *status, unsigned products)
{
	static const char *const discounts[] = { "2.5", "5", "10", "15" };
	unsigned p = pick(products);
	int c = price_of(p);

	printf("%s,%s,%s,%s,P%05u,%u,", number, date, cust, status, p + 1,
	    1 + pick(pick(4) ? 10 : 200));
	if (pick(3))
		printf("%d.%02d", c / 100, c % 100);
	putchar(',');
	if (!pick(5))
		fputs(discounts[pick(N(discounts))], stdout);
	putchar('\n');
}

static void
orders(unsigned long lines, unsigned customers, unsigned products,
    int year, unsigned long start)
{
	static const char *const states[] = { "completed", "completed",
		"completed", "delivered", "shipped", "confirmed", "draft",
		"cancelled" };
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
		31, 30, 31 };
	unsigned long n = start;

	puts("number,date,customer,status,sku,qty,price,discount");
	while (lines > 0) {
		char number[32], date[48], cust[64];
		unsigned k = 1 + pick(4) + pick(4), m = pick(12);
		const char *st = states[pick(N(states))];

		snprintf(number, sizeof(number), "SO-%d-%06lu", year, n++);
		snprintf(date, sizeof(date), "%d-%02u-%02u", year, m + 1,
		    1 + pick((unsigned)mdays[m]));
		customer(pick(customers), cust, sizeof(cust));
		for (; k > 0 && lines > 0; k--, lines--)
			line(number, date, cust, st, products);
	}
}

int
main(int argc, char **argv)
{
	unsigned long lines = 0, start = 1;
	unsigned ncust = 200, nprod = 50;
	int year = 2026, list_cust = 0, list_prod = 0;
	uint64_t seed = 13;

	for (int a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--seed") && a + 1 < argc)
			seed = strtoull(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "--customers") && a + 1 < argc &&
		    argv[a + 1][0] != '-')
			ncust = (unsigned)strtoul(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "--customers"))
			list_cust = 1;
		else if (!strcmp(argv[a], "--products") && a + 1 < argc &&
		    argv[a + 1][0] != '-')
			nprod = (unsigned)strtoul(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "--products"))
			list_prod = 1;
		else if (!strcmp(argv[a], "--year") && a + 1 < argc)
			year = atoi(argv[++a]);
		else if (!strcmp(argv[a], "--start") && a + 1 < argc)
			start = strtoul(argv[++a], NULL, 10);
		else if (argv[a][0] != '-' && lines == 0)
			lines = strtoul(argv[a], NULL, 10);
		else {
			fprintf(stderr, "gen-orders: bad argument '%s'\n",
			    argv[a]);
			return 64;
		}
	}
	if ((lines == 0 && !list_cust && !list_prod) || ncust == 0 ||
	    nprod == 0 || nprod > 99999 || year < 1000 || year > 9999) {
		fprintf(stderr, "usage: gen-orders LINES [--seed S] "
		    "[--customers N] [--products N (1-99999)] [--year Y] "
		    "[--start N]\n       gen-orders --products [--products N]"
		    "\n       gen-orders --customers [--customers N]\n");
		return 64;
	}
	rng_state = seed * 0x9E3779B97F4A7C15ULL + start + 1;
	if (list_prod)
		catalogue(nprod);
	else if (list_cust) {
		char name[64];

		puts("name,region");
		for (unsigned k = 0; k < ncust; k++) {
			customer(k, name, sizeof(name));
			printf("%s,%s\n", name, regions[k % N(regions)]);
		}
	} else
		orders(lines, ncust, nprod, year, start);
	return 0;
}
