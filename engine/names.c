#include "config.h"

#include "names.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "i18n.h"

/* Characters Windows refuses in a NetBIOS computer name (KB909264, "Naming conventions in
 * Active Directory"), to which we add the control characters. Every other printable ASCII
 * character that is not a letter, digit or hyphen is accepted by NetBIOS but not by a DNS
 * host name (RFC 1123), which the KB's host (A) records need: KB909264's DNS list
 * , ~ ! @ # $ % ^ & ' . ( ) { } _ and space, and also + = [ ] ; `.  Space and dot get
 * messages of their own because they are the usual mistakes (two words, or an FQDN typed
 * where the short name goes). */
static const char netbios_forbidden[] = "\\/:*?\"<>|";

#define NUM_SIZE 24 /* a size_t in decimal */

static int invalid(struct cd_diag *d, const char *field, const char *fmt, const char *a1,
                   const char *a2)
{
    return diag_set(d, CD_EINVAL, field, NULL, fmt, a1, a2);
}

static const char *num(char buf[NUM_SIZE], size_t v)
{
    snprintf(buf, NUM_SIZE, "%zu", v);
    return buf;
}

/* A character for a message: itself, or U+00XX when it would not print. */
static const char *show_char(char buf[8], unsigned char c)
{
    if (isgraph(c))
        snprintf(buf, 8, "%c", c);
    else
        snprintf(buf, 8, "U+%04X", c);
    return buf;
}

/* Letter, digit or hyphen; c must be ASCII, where every locale agrees on isalnum(). */
static bool is_ldh(unsigned char c)
{
    return isalnum(c) || c == '-';
}

/* Copies len ASCII characters in lower case and terminates dst. */
static void lower_copy(char *dst, const char *src, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        dst[i] = (char)tolower((unsigned char)src[i]);
    dst[len] = '\0';
}

static int too_small(struct cd_diag *d, const char *field)
{
    return invalid(d, field, N_("is too long for this field"), NULL, NULL);
}

/* ---- NetBIOS names ---------------------------------------------------------------------- */

/* The rule name[i] breaks, if any. */
static int netbios_char(const char *name, size_t i, const char *field, struct cd_diag *d)
{
    unsigned char c = (unsigned char)name[i];
    char pos[NUM_SIZE], shown[8];

    num(pos, i + 1);
    if (c >= 0x80)
        return invalid(d, field,
                       N_("contains a character outside ASCII at position %1$s; use only "
                          "letters A to Z, digits and hyphens"),
                       pos, NULL);
    if (iscntrl(c) || strchr(netbios_forbidden, c))
        return invalid(d, field,
                       N_("contains %1$s at position %2$s, which is not allowed in a NetBIOS "
                          "name"),
                       show_char(shown, c), pos);
    if (c == ' ')
        return invalid(d, field,
                       N_("contains a space at position %1$s; a DNS host name cannot have "
                          "spaces"),
                       pos, NULL);
    if (c == '.')
        return invalid(d, field,
                       N_("contains a dot at position %1$s; give the short name, without the "
                          "zone"),
                       pos, NULL);
    if (!is_ldh(c))
        return invalid(d, field,
                       N_("contains %1$s at position %2$s, which is allowed in NetBIOS but not "
                          "in a DNS host name; use only letters, digits and hyphens"),
                       show_char(shown, c), pos);
    return CD_OK;
}

int names_netbios(const char *name, const char *field, struct cd_diag *d)
{
    char n1[NUM_SIZE];
    size_t len, i;
    int rc;

    if (!name || !*name)
        return invalid(d, field, N_("is required"), NULL, NULL);
    len = strlen(name);
    /* Characters first: only once they are all ASCII is a byte a character. */
    for (i = 0; i < len; i++)
        if ((rc = netbios_char(name, i, field, d)) != CD_OK)
            return rc;
    if (len > NAMES_NETBIOS_MAX)
        return invalid(d, field, N_("is %1$s characters long; a NetBIOS name has at most 15"),
                       num(n1, len), NULL);
    if (name[0] == '-')
        return invalid(d, field, N_("starts with a hyphen, which a DNS host name cannot"), NULL,
                       NULL);
    if (name[len - 1] == '-')
        return invalid(d, field, N_("ends with a hyphen, which a DNS host name cannot"), NULL,
                       NULL);
    if (strspn(name, "0123456789") == len)
        return invalid(d, field,
                       N_("is only digits, which Windows does not accept as a computer name"), NULL,
                       NULL);
    return CD_OK;
}

/* ---- DNS names -------------------------------------------------------------------------- */

/* Checks the label of len octets at zone + start. */
static int zone_label(const char *zone, size_t start, size_t len, const char *field,
                      struct cd_diag *d)
{
    const char *label = zone + start;
    char text[NAMES_FQDN_SIZE], n1[NUM_SIZE], shown[8];
    size_t i;

    if (len == 0)
        return invalid(d, field,
                       start == 0 ? N_("starts with a dot")
                                  : N_("has two dots in a row (an empty label)"),
                       NULL, NULL);
    snprintf(text, sizeof text, "%.*s", (int)len, label);
    if (len > NAMES_LABEL_MAX)
        return invalid(d, field,
                       N_("has a label of %1$s characters (\"%2$s\"); a DNS label has at "
                          "most 63"),
                       num(n1, len), text);
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)label[i];

        if (c >= 0x80)
            return invalid(d, field,
                           N_("contains a character outside ASCII at position %1$s; write an "
                              "international name in its xn-- form"),
                           num(n1, start + i + 1), NULL);
        if (!is_ldh(c))
            return invalid(d, field,
                           N_("contains %1$s at position %2$s; a DNS name uses only letters, "
                              "digits, hyphens and dots"),
                           show_char(shown, c), num(n1, start + i + 1));
    }
    if (label[0] == '-')
        return invalid(d, field, N_("has the label \"%1$s\", which starts with a hyphen"), text,
                       NULL);
    if (label[len - 1] == '-')
        return invalid(d, field, N_("has the label \"%1$s\", which ends with a hyphen"), text,
                       NULL);
    return CD_OK;
}

/* Length of zone without its one optional trailing dot (the absolute form). */
static size_t zone_length(const char *zone)
{
    size_t len = strlen(zone);

    return len && zone[len - 1] == '.' ? len - 1 : len;
}

int names_zone(const char *zone, char *norm, size_t n, const char *field, struct cd_diag *d)
{
    char n1[NUM_SIZE], top[NAMES_LABEL_MAX + 1];
    size_t len, start, end, last = 0;
    int rc;

    if (!zone || !*zone)
        return invalid(d, field, N_("is required"), NULL, NULL);
    len = zone_length(zone);
    if (len == 0)
        return invalid(d, field, N_("is the DNS root \".\"; give the zone's name"), NULL, NULL);
    if (len > NAMES_FQDN_MAX)
        return invalid(d, field,
                       N_("is %1$s characters long; a DNS name has at most 253, not counting "
                          "the final dot"),
                       num(n1, len), NULL);
    for (start = 0; start <= len; start = end + 1) {
        end = start + strcspn(zone + start, "."); /* stops at len: zone[len] is '.' or NUL */
        if ((rc = zone_label(zone, start, end - start, field, d)) != CD_OK)
            return rc;
        last = start;
    }
    /* RFC 1123 2.1: a top-level label is never all digits, so this is an address typed
     * into the zone field. */
    if (strspn(zone + last, "0123456789") == len - last) {
        snprintf(top, sizeof top, "%.*s", (int)(len - last), zone + last);
        return invalid(d, field,
                       N_("ends with the all-digit label \"%1$s\"; give the zone's name, not an "
                          "address"),
                       top, NULL);
    }
    if (norm) {
        if (len >= n)
            return too_small(d, field);
        lower_copy(norm, zone, len);
    }
    return CD_OK;
}

int names_fqdn(const char *name, const char *zone, char *out, size_t n, const char *field,
               struct cd_diag *d)
{
    char z[NAMES_FQDN_SIZE], n1[NUM_SIZE];
    size_t nlen, total;
    int rc;

    if ((rc = names_netbios(name, field, d)) != CD_OK ||
        (rc = names_zone(zone, z, sizeof z, field, d)) != CD_OK)
        return rc;
    nlen = strlen(name);
    total = nlen + 1 + strlen(z);
    if (total > NAMES_FQDN_MAX)
        return invalid(d, field,
                       N_("would be %1$s characters long with the zone; a DNS name has at "
                          "most 253"),
                       num(n1, total), NULL);
    if (!out || total >= n)
        return too_small(d, field);
    lower_copy(out, name, nlen);
    snprintf(out + nlen, n - nlen, ".%s", z);
    return CD_OK;
}

/* ---- addresses -------------------------------------------------------------------------- */

int names_ip_parse(const char *text, struct cd_ip *out, const char *field, struct cd_diag *d)
{
    struct cd_ip ip;

    if (!text || !*text)
        return invalid(d, field, N_("is required"), NULL, NULL);
    /* The front ends trim; spaces left here were typed inside the address. */
    if (strpbrk(text, " \t\r\n\v\f"))
        return invalid(d, field, N_("\"%1$s\" contains spaces; give the address alone"), text,
                       NULL);
    memset(&ip, 0, sizeof ip);
    ip.family = strchr(text, ':') ? AF_INET6 : AF_INET;
    if (inet_pton(ip.family, text, &ip.u) != 1)
        return invalid(d, field,
                       ip.family == AF_INET
                           ? N_("\"%1$s\" is not an IPv4 address (four numbers from 0 to 255 "
                                "separated by dots)")
                           : N_("\"%1$s\" is not an IPv6 address"),
                       text, NULL);
    inet_ntop(ip.family, &ip.u, ip.text, sizeof ip.text);
    if (out)
        *out = ip;
    return CD_OK;
}

/* What a range means to each check. */
enum {
    RANGE_NO_RESOURCE = 1 << 0, /* a cluster resource may not hold it */
    RANGE_NO_SERVER = 1 << 1,   /* a DNS server cannot have it */
    RANGE_PRIVATE = 1 << 2,     /* not an Internet provider's */
};

struct ip_range {
    int family;
    unsigned char prefix[16]; /* network byte order */
    unsigned bits;
    unsigned flags;
    const char *why; /* N_(): %1$s the address, %2$s its IPv4 form (mapped only) */
};

/* First match wins, so the narrower range comes before the wider one it sits in. */
/* clang-format off */
static const struct ip_range ip_ranges[] = {
    {AF_INET, {0, 0, 0, 0}, 32, RANGE_NO_RESOURCE | RANGE_NO_SERVER,
     N_("%1$s is the unspecified address, which no host can have")},
    {AF_INET, {0}, 8, RANGE_NO_RESOURCE | RANGE_NO_SERVER,
     N_("%1$s is in 0.0.0.0/8 (\"this network\"), which no host can have")},
    {AF_INET, {10}, 8, RANGE_PRIVATE, NULL},
    {AF_INET, {100, 64}, 10, RANGE_PRIVATE, NULL},
    {AF_INET, {127}, 8, RANGE_NO_RESOURCE | RANGE_PRIVATE,
     N_("%1$s is a loopback address; it reaches only the computer itself")},
    {AF_INET, {169, 254}, 16, RANGE_NO_RESOURCE | RANGE_PRIVATE,
     N_("%1$s is a link-local address, which is not routed (Windows picks one when DHCP "
        "fails)")},
    {AF_INET, {172, 16}, 12, RANGE_PRIVATE, NULL},
    {AF_INET, {192, 168}, 16, RANGE_PRIVATE, NULL},
    {AF_INET, {224}, 4, RANGE_NO_RESOURCE | RANGE_NO_SERVER,
     N_("%1$s is a multicast address")},
    {AF_INET, {255, 255, 255, 255}, 32, RANGE_NO_RESOURCE | RANGE_NO_SERVER,
     N_("%1$s is the limited broadcast address")},
    {AF_INET, {240}, 4, RANGE_NO_RESOURCE | RANGE_NO_SERVER,
     N_("%1$s is in 240.0.0.0/4, which is reserved")},
    {AF_INET6, {0}, 128, RANGE_NO_RESOURCE | RANGE_NO_SERVER,
     N_("%1$s is the unspecified address, which no host can have")},
    {AF_INET6, {[15] = 1}, 128, RANGE_NO_RESOURCE | RANGE_PRIVATE,
     N_("%1$s is a loopback address; it reaches only the computer itself")},
    {AF_INET6, {[10] = 0xff, [11] = 0xff}, 96, RANGE_NO_RESOURCE | RANGE_NO_SERVER,
     N_("%1$s is an IPv4-mapped IPv6 address; write the IPv4 form, %2$s")},
    {AF_INET6, {0xfc}, 7, RANGE_PRIVATE, NULL},
    {AF_INET6, {0xfe, 0x80}, 10, RANGE_NO_RESOURCE | RANGE_PRIVATE,
     N_("%1$s is a link-local address, which is not routed (Windows picks one when DHCP "
        "fails)")},
    {AF_INET6, {0xfe, 0xc0}, 10, RANGE_PRIVATE, NULL},
    {AF_INET6, {0xff}, 8, RANGE_NO_RESOURCE | RANGE_NO_SERVER,
     N_("%1$s is a multicast address")},
};
/* clang-format on */

static const unsigned char *ip_bytes(const struct cd_ip *ip)
{
    return ip->family == AF_INET ? (const unsigned char *)&ip->u.v4
                                 : (const unsigned char *)&ip->u.v6;
}

static bool prefix_match(const unsigned char *a, const unsigned char *p, unsigned bits)
{
    unsigned whole = bits / 8, rest = bits % 8;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));

    return memcmp(a, p, whole) == 0 && (rest == 0 || (a[whole] & mask) == p[whole]);
}

/* The first range holding ip with one of flags set, or NULL. */
static const struct ip_range *ip_range_find(const struct cd_ip *ip, unsigned flags)
{
    size_t i;

    for (i = 0; i < sizeof ip_ranges / sizeof ip_ranges[0]; i++) {
        const struct ip_range *r = &ip_ranges[i];

        if (r->family == ip->family && (r->flags & flags) &&
            prefix_match(ip_bytes(ip), r->prefix, r->bits))
            return r;
    }
    return NULL;
}

/* Parses text and rejects the ranges marked with `flag`. */
static int ip_check(const char *text, unsigned flag, struct cd_ip *out, const char *field,
                    struct cd_diag *d)
{
    const struct ip_range *r;
    struct cd_ip ip;
    char v4[INET_ADDRSTRLEN] = "";
    int rc;

    if ((rc = names_ip_parse(text, &ip, field, d)) != CD_OK)
        return rc;
    if ((r = ip_range_find(&ip, flag)) != NULL) {
        if (ip.family == AF_INET6 && IN6_IS_ADDR_V4MAPPED(&ip.u.v6))
            inet_ntop(AF_INET, ip.u.v6.s6_addr + 12, v4, sizeof v4);
        return invalid(d, field, r->why, ip.text, v4);
    }
    if (out)
        *out = ip;
    return CD_OK;
}

int names_resource_ip(const char *text, struct cd_ip *out, const char *field, struct cd_diag *d)
{
    return ip_check(text, RANGE_NO_RESOURCE, out, field, d);
}

int names_server_ip(const char *text, struct cd_ip *out, const char *field, struct cd_diag *d)
{
    return ip_check(text, RANGE_NO_SERVER, out, field, d);
}

bool names_ip_equal(const struct cd_ip *a, const struct cd_ip *b)
{
    if (!a || !b || !a->family || a->family != b->family)
        return false;
    return memcmp(ip_bytes(a), ip_bytes(b), a->family == AF_INET ? 4 : 16) == 0;
}

bool names_ip_is_private(const struct cd_ip *ip)
{
    return ip && ip_range_find(ip, RANGE_PRIVATE) != NULL;
}

int names_distinct(const char *exchange_name, const struct cd_ip *exchange_ip,
                   const char *cluster_name, const struct cd_ip *cluster_ip, struct cd_diag *d)
{
    /* Named on the cluster's field, the second of each pair: the one the operator types
     * last, and the one the form shows the error on. */
    if (exchange_name && cluster_name && *exchange_name &&
        strcasecmp(exchange_name, cluster_name) == 0)
        return diag_set(d, CD_EINVAL, N_("Cluster network name"), "cluster.name",
                        N_("is the same as the Exchange network name (%1$s); the KB requires "
                           "the Exchange and cluster network names to differ"),
                        exchange_name, NULL);
    if (names_ip_equal(exchange_ip, cluster_ip))
        return diag_set(d, CD_EINVAL, N_("Cluster IP address"), "cluster.ip",
                        N_("is the same as the Exchange IP address (%1$s); the KB requires the "
                           "Exchange and cluster IP addresses to differ"),
                        exchange_ip->text, NULL);
    return CD_OK;
}

int names_reverse(const struct cd_ip *ip, char *out, size_t n)
{
    char buf[NAMES_FQDN_SIZE];
    const unsigned char *b;
    size_t len = 0;
    int i;

    if (n)
        out[0] = '\0';
    if (!ip || (ip->family != AF_INET && ip->family != AF_INET6))
        return CD_EINVAL;
    b = ip_bytes(ip);
    if (ip->family == AF_INET) {
        len = (size_t)snprintf(buf, sizeof buf, "%u.%u.%u.%u.in-addr.arpa", b[3], b[2], b[1], b[0]);
    } else {
        /* RFC 3596: one label per nibble, least significant first. */
        for (i = 15; i >= 0; i--)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%x.%x.", b[i] & 0xf, b[i] >> 4);
        len += (size_t)snprintf(buf + len, sizeof buf - len, "ip6.arpa");
    }
    if (len >= n)
        return CD_EINVAL;
    memcpy(out, buf, len + 1);
    return CD_OK;
}
