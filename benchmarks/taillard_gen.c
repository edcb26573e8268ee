/*
** taillard_gen.c -- regenerates Taillard's job-shop instances ta01..ta80 from their
** published seeds (E. Taillard, "Benchmarks for basic scheduling problems", European
** Journal of Operational Research 64:278-285, 1993), in the JSPLIB text layout that
** ordo_jsp reads. Each instance is checked against the simple lower bound published with
** its seeds (the larger of the longest job and the most loaded machine).
** usage: taillard_gen taNN [-o FILE]      taillard_gen --all DIR
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* jobs, machines, time seed, machine seed, and the simple lower bound of the instance
** (longest job or most loaded machine) as published with the seeds */
static const long TA[80][5] = {
    {15, 15, 840612802, 398197754, 977}, {15, 15, 1314640371, 386720536, 942},
    {15, 15, 1227221349, 316176388, 921}, {15, 15, 342269428, 1806358582, 911},
    {15, 15, 1603221416, 1501949241, 940}, {15, 15, 1357584978, 1734077082, 889},
    {15, 15, 44531661, 1374316395, 935}, {15, 15, 302545136, 2092186050, 963},
    {15, 15, 1153780144, 1393392374, 982}, {15, 15, 73896786, 1544979948, 911},
    {20, 15, 533484900, 317419073, 1139}, {20, 15, 1894307698, 1474268163, 1251},
    {20, 15, 874340513, 509669280, 1178}, {20, 15, 1124986343, 1209573668, 1130},
    {20, 15, 1463788335, 529048107, 1148}, {20, 15, 1056908795, 25321885, 1181},
    {20, 15, 195672285, 1717580117, 1257}, {20, 15, 961965583, 1353003786, 1153},
    {20, 15, 1610169733, 1734469503, 1202}, {20, 15, 532794656, 998486810, 1186},
    {20, 20, 1035939303, 773961798, 1217}, {20, 20, 5997802, 1872541150, 1240},
    {20, 20, 1357503601, 722225039, 1185}, {20, 20, 806159563, 1166962073, 1271},
    {20, 20, 1902815253, 1879990068, 1256}, {20, 20, 1503184031, 1850351876, 1207},
    {20, 20, 1032645967, 99711329, 1331}, {20, 20, 229894219, 1158117804, 1269},
    {20, 20, 823349822, 108033225, 1267}, {20, 20, 1297900341, 489486403, 1212},
    {30, 15, 98640593, 1981283465, 1764}, {30, 15, 1839268120, 248890888, 1774},
    {30, 15, 573875290, 2081512253, 1729}, {30, 15, 1670898570, 788294565, 1828},
    {30, 15, 1118914567, 1074349202, 1729}, {30, 15, 178750207, 294279708, 1777},
    {30, 15, 1549372605, 596993084, 1771}, {30, 15, 798174738, 151685779, 1673},
    {30, 15, 553410952, 1329272528, 1641}, {30, 15, 1661531649, 1173386294, 1602},
    {30, 20, 1841414609, 1357882888, 1830}, {30, 20, 2116959593, 1546338557, 1761},
    {30, 20, 796392706, 1230864158, 1694}, {30, 20, 532496463, 254174057, 1787},
    {30, 20, 2020525633, 978943053, 1731}, {30, 20, 524444252, 185526083, 1856},
    {30, 20, 1569394691, 487269855, 1690}, {30, 20, 1460267840, 1631446539, 1744},
    {30, 20, 198324822, 1937476577, 1758}, {30, 20, 38071822, 1541985579, 1674},
    {50, 15, 17271, 718939, 2760}, {50, 15, 660481279, 449650254, 2756},
    {50, 15, 352229765, 949737911, 2717}, {50, 15, 1197518780, 166840558, 2797},
    {50, 15, 1376020303, 483922052, 2679}, {50, 15, 2106639239, 955932362, 2781},
    {50, 15, 1765352082, 1209982549, 2943}, {50, 15, 1105092880, 1349003108, 2885},
    {50, 15, 907248070, 919544535, 2655}, {50, 15, 2011630757, 1845447001, 2723},
    {50, 20, 8493988, 2738939, 2868}, {50, 20, 1991925010, 709517751, 2848},
    {50, 20, 342093237, 786960785, 2755}, {50, 20, 1634043183, 973178279, 2691},
    {50, 20, 341706507, 286513148, 2725}, {50, 20, 320167954, 1411193018, 2845},
    {50, 20, 1089696753, 298068750, 2812}, {50, 20, 433032965, 1589656152, 2764},
    {50, 20, 615974477, 331205412, 3063}, {50, 20, 236150141, 592292984, 2995},
    {100, 20, 302034063, 1203569070, 5464}, {100, 20, 1437643198, 1692025209, 5181},
    {100, 20, 1792475497, 1039908559, 5552}, {100, 20, 1647273132, 1012841433, 5339},
    {100, 20, 696480901, 1689682358, 5392}, {100, 20, 1785569423, 1092647459, 5342},
    {100, 20, 117806902, 739059626, 5436}, {100, 20, 1639154709, 1319962509, 5394},
    {100, 20, 2007423389, 749368241, 5358}, {100, 20, 682761130, 262763021, 5183},
};

/* Taillard's generator: the minimal standard LCG (a = 16807, m = 2^31 - 1, Schrage). */
static long unif(long *seed, long lo, long hi)
{
    const long m = 2147483647, a = 16807, b = 127773, c = 2836;
    long k = *seed / b;
    *seed = a * (*seed % b) - k * c;
    if (*seed < 0) *seed += m;
    double u = (double)*seed / (double)m;
    return lo + (long)(u * (double)(hi - lo + 1));
}

static int generate(int idx, FILE *o)
{
    long n = TA[idx][0], m = TA[idx][1], ts = TA[idx][2], ms = TA[idx][3];
    long *d = malloc((size_t)(n * m) * sizeof *d), *mach = malloc((size_t)(n * m) * sizeof *mach);
    if (!d || !mach) return -1;
    for (long j = 0; j < n; j++)
        for (long k = 0; k < m; k++) d[j * m + k] = unif(&ts, 1, 99);
    for (long j = 0; j < n; j++) {
        for (long k = 0; k < m; k++) mach[j * m + k] = k;
        for (long k = 0; k < m; k++) {
            long x = unif(&ms, k, m - 1), t = mach[j * m + k];
            mach[j * m + k] = mach[j * m + x];
            mach[j * m + x] = t;
        }
    }
    long lb = 0;
    for (long j = 0; j < n; j++) {
        long s = 0;
        for (long k = 0; k < m; k++) s += d[j * m + k];
        if (s > lb) lb = s;
    }
    for (long k = 0; k < m; k++) {
        long s = 0;
        for (long x = 0; x < n * m; x++) s += mach[x] == k ? d[x] : 0;
        if (s > lb) lb = s;
    }
    int rc = 0;
    if (lb != TA[idx][4]) {
        fprintf(stderr, "taillard_gen: ta%02d: lower bound %ld, published %ld\n", idx + 1, lb, TA[idx][4]);
        rc = -1;
    }
    fprintf(o, "# ta%02d: Taillard 1993, time seed %ld, machine seed %ld\n%ld %ld\n", idx + 1, TA[idx][2], TA[idx][3], n, m);
    for (long j = 0; j < n; j++)
        for (long k = 0; k < m; k++) fprintf(o, "%ld %ld%s", mach[j * m + k], d[j * m + k], k + 1 < m ? " " : "\n");
    free(d);
    free(mach);
    return rc;
}

static int index_of(const char *name)
{
    int i;
    if (strncmp(name, "ta", 2) != 0 || sscanf(name + 2, "%d", &i) != 1 || i < 1 || i > 80) return -1;
    return i - 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--all") == 0) {
        int bad = 0;
        for (int i = 0; i < 80; i++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/ta%02d", argv[2], i + 1);
            FILE *o = fopen(path, "w");
            if (!o) {
                perror(path);
                return 1;
            }
            bad |= generate(i, o) != 0;
            if (fclose(o) != 0) bad = 1;
        }
        return bad;
    }
    if ((argc == 2 || (argc == 4 && strcmp(argv[2], "-o") == 0)) && index_of(argv[1]) >= 0) {
        FILE *o = argc == 4 ? fopen(argv[3], "w") : stdout;
        if (!o) {
            perror(argv[3]);
            return 1;
        }
        int rc = generate(index_of(argv[1]), o);
        if (argc == 4 && fclose(o) != 0) rc = -1;
        return rc ? 1 : 0;
    }
    fprintf(stderr, "usage: taillard_gen taNN [-o FILE] | taillard_gen --all DIR\n");
    return 2;
}
