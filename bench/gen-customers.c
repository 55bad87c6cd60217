/* gen-customers: deterministic, realistic customers as csv, for the
 * tests and the benchmarks. Chinese and English company names, phones,
 * regions, tiers, owners and follow-up dates; a given share of rows that
 * duplicate an earlier row's name or phone, and of rows that are invalid.
 *
 *   gen-customers ROWS [--seed S] [--dup-pct P] [--bad-pct P]
 *                 [--owners N] [--cn] [--start N]
 *
 * The same arguments always give the same bytes. Owners are rep01 ..
 * repN (a share of rows has none: they go to the pool). --start numbers
 * the rows from N, so that a second file does not repeat the first. */
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

static const char *const cities[] = { "北京", "上海", "广州", "深圳", "杭州",
	"南京", "苏州", "成都", "武汉", "西安", "天津", "重庆", "青岛", "厦门",
	"宁波", "长沙", "郑州", "济南", "合肥", "福州", "昆明", "无锡", "东莞",
	"佛山", "大连", "沈阳", "哈尔滨", "长春", "南昌", "贵阳" };
static const char *const regions[] = { "华北", "华东", "华南", "华中",
	"西南", "西北", "东北" };
static const char *const syll[] = { "华", "中", "东", "方", "星", "辰", "海",
	"天", "瑞", "恒", "信", "达", "通", "源", "科", "泰", "盛", "元", "新",
	"宏", "鑫", "安", "康", "德", "正", "和", "美", "嘉", "锦", "博", "汇",
	"联", "创", "智", "远", "航", "诚", "隆", "兴", "福" };
static const char *const trades[] = { "科技", "贸易", "电子", "软件", "物流",
	"医药", "食品", "机械", "建材", "能源", "网络", "教育", "文化", "传媒",
	"环保", "化工", "服饰", "家居", "汽车", "金融" };
static const char *const suffixes[] = { "有限公司", "有限责任公司",
	"股份有限公司", "集团有限公司" };
static const char *const words[] = { "Acme", "Global", "Pacific", "Summit",
	"Vertex", "Harbor", "Northern", "Silver", "Bright", "Blue", "Golden",
	"Prime", "United", "Royal", "Eagle", "Falcon", "Orient", "Crystal",
	"Atlas", "Nova" };
static const char *const forms[] = { "Inc", "Ltd", "Co", "Corp", "LLC",
	"Group" };
static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨",
	"赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林" };
static const char *const given[] = { "伟", "芳", "娜", "敏", "静", "强", "磊",
	"军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英" };
static const char *const industries[] = { "IT", "制造", "零售", "金融", "医疗",
	"教育", "物流", "能源" };
static const char *const sizes[] = { "small", "medium", "large" };
static const char *const tierlist = "ABCDE";

#define N(a) (sizeof(a) / sizeof(*(a)))

/* The name of row i: unique for every i below the size of the space
 * (a permutation of i picks the parts). */
static void
name_of(uint64_t i, char *out, size_t cap)
{
	uint64_t j = (i * 2654435761ULL + 12345) % 200000000ULL;

	if (j % 10 < 8) {
		uint64_t k = j / 10;

		snprintf(out, cap, "%s%s%s%s%s%llu", cities[k % N(cities)],
		    syll[(k / 30) % N(syll)], syll[(k / 1200) % N(syll)],
		    trades[(k / 48000) % N(trades)], suffixes[(k / 960000) %
		    N(suffixes)], (unsigned long long)(k / 3840000));
		/* the trailing number keeps the space large; drop a 0 */
		if (k / 3840000 == 0)
			out[strlen(out) - 1] = '\0';
	} else {
		uint64_t k = j / 10;

		snprintf(out, cap, "%s %s %llu %s", words[k % N(words)],
		    words[(k / 20) % N(words)], (unsigned long long)(k / 400),
		    forms[(k / 7) % N(forms)]);
	}
}

static void
phone_of(uint64_t i, char *out, size_t cap)
{
	uint64_t j = (i * 1000003ULL + 7) % 1000000000ULL;

	snprintf(out, cap, "1%c%09llu", "3456789"[i % 7], (unsigned long long)j);
}

static void
csv_field(const char *s)
{
	if (strpbrk(s, ",\"\n") == NULL) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

int
main(int argc, char **argv)
{
	unsigned long rows, start = 1, owners = 20;
	double dup_pct = 3.0, bad_pct = 0.5;
	unsigned long long seed = 1;
	int cn = 0;

	if (argc < 2) {
		fputs("usage: gen-customers ROWS [--seed S] [--dup-pct P] "
		    "[--bad-pct P] [--owners N] [--cn] [--start N]\n", stderr);
		return 64;
	}
	rows = strtoul(argv[1], NULL, 10);
	for (int a = 2; a < argc; a++) {
		if (!strcmp(argv[a], "--seed") && a + 1 < argc)
			seed = strtoull(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "--dup-pct") && a + 1 < argc)
			dup_pct = atof(argv[++a]);
		else if (!strcmp(argv[a], "--bad-pct") && a + 1 < argc)
			bad_pct = atof(argv[++a]);
		else if (!strcmp(argv[a], "--owners") && a + 1 < argc)
			owners = strtoul(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "--start") && a + 1 < argc)
			start = strtoul(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "--cn"))
			cn = 1;
		else {
			fprintf(stderr, "gen-customers: unknown option '%s'\n",
			    argv[a]);
			return 64;
		}
	}
	rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;
	puts(cn ? "客户名称,联系人,手机,邮箱,城市,战区,行业,规模,级别,负责人,"
	    "标签,最后跟进时间,备注" : "name,contact,phone,email,city,region,"
	    "industry,size,tier,owner,tags,last_followup_at,note");
	for (unsigned long r = 0; r < rows; r++) {
		uint64_t i = start + r, src = i;
		char name[160], phone[32], email[80], owner[16], when[32];
		unsigned roll = pick(100000);
		int bad = roll < (unsigned)(bad_pct * 1000);
		int dup = !bad && roll < (unsigned)((bad_pct + dup_pct) * 1000);

		if (dup && r > 0)
			src = start + pick((unsigned)r);	/* an earlier row */
		name_of(src, name, sizeof(name));
		phone_of(i, phone, sizeof(phone));
		if (dup && pick(2) == 0)
			phone_of(src, phone, sizeof(phone));	/* same phone */
		else if (dup)
			phone_of(i, phone, sizeof(phone));
		if (!dup)
			name_of(i, name, sizeof(name));
		snprintf(email, sizeof(email), "c%llu@example.com",
		    (unsigned long long)i);
		if (pick(10) < 7 && owners > 0)
			snprintf(owner, sizeof(owner), "rep%02u",
			    1 + pick((unsigned)owners));
		else
			owner[0] = '\0';
		snprintf(when, sizeof(when), "2026-%02u-%02uT%02u:%02u:00",
		    9 + pick(3), 1 + pick(28), 8 + pick(10), pick(60));
		if (bad) {
			switch (pick(3)) {
			case 0: snprintf(phone, sizeof(phone), "12x%u",
			    pick(1000)); break;
			case 1: name[0] = '\0'; break;
			default: snprintf(email, sizeof(email), "no-at-sign");
			}
		}
		csv_field(name);
		printf(",%s%s,%s,%s,%s,%s,%s,%s,%c,%s,%s,%s,", surnames[pick(
		    N(surnames))], given[pick(N(given))], phone, email,
		    cities[pick(N(cities))], regions[pick(N(regions))],
		    industries[pick(N(industries))], sizes[pick(N(sizes))],
		    tierlist[pick(5)], owner, pick(4) == 0 ? "vip" : "",
		    when);
		csv_field(pick(20) == 0 ? "需要报价, \"尽快\"" : "");
		putchar('\n');
	}
	return 0;
}
