/* Names and addresses of the cluster resources, by the rules of NetBIOS, DNS (RFC 1123)
 * and the KB's own note that the Exchange and cluster names and IPs must differ.
 *
 * Every check returns CD_OK or CD_EINVAL, filling d with a message that names the field
 * (the `field` argument, an N_() label such as N_("Exchange network name")) and the rule. */
#ifndef CLUSTERDNS_ENGINE_NAMES_H
#define CLUSTERDNS_ENGINE_NAMES_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define NAMES_NETBIOS_MAX 15 /* characters of a NetBIOS computer name */
#define NAMES_LABEL_MAX 63   /* octets of one DNS label */
#define NAMES_FQDN_MAX 253   /* octets of a DNS name, without the trailing dot */
#define NAMES_FQDN_SIZE (NAMES_FQDN_MAX + 1)
#define NAMES_IP_SIZE INET6_ADDRSTRLEN

struct cd_ip {
    int family; /* AF_INET or AF_INET6; 0 when unset */
    union {
        struct in_addr v4;
        struct in6_addr v6;
    } u;
    char text[NAMES_IP_SIZE]; /* canonical text form (inet_ntop) */
};

/* A NetBIOS network name that must also work as a DNS host label: 1 to 15 characters,
 * none of NetBIOS's forbidden characters (\ / : * ? " < > | and others), only letters,
 * digits and hyphens (no leading or trailing hyphen), not all digits. */
int names_netbios(const char *name, const char *field, struct cd_diag *d);

/* A DNS zone: labels of 1 to 63 letters, digits and hyphens (no hyphen at either end),
 * at most 253 octets, one trailing dot allowed.  The normalized form (lower case, no
 * trailing dot) goes to norm (size n, at least NAMES_FQDN_SIZE); norm may be NULL. */
int names_zone(const char *zone, char *norm, size_t n, const char *field, struct cd_diag *d);

/* Composes name.zone in lower case into out (at least NAMES_FQDN_SIZE) after checking
 * both; fails when the result exceeds 253 octets. */
int names_fqdn(const char *name, const char *zone, char *out, size_t n, const char *field,
               struct cd_diag *d);

/* Parses an IPv4 or IPv6 address (inet_pton) into out; syntax only. */
int names_ip_parse(const char *text, struct cd_ip *out, const char *field, struct cd_diag *d);

/* An address a cluster resource may hold: parses it, then rejects the unspecified, "this
 * network", loopback, multicast, broadcast, link-local, reserved and IPv4-mapped ranges,
 * each with its reason (documentation ranges are allowed). out is set only on success. */
int names_resource_ip(const char *text, struct cd_ip *out, const char *field, struct cd_diag *d);

/* An address a DNS server may have: parses it, then rejects the unspecified, "this
 * network", multicast, broadcast, reserved and IPv4-mapped ranges, each with its reason.
 * Loopback (a local resolver, the test lab) and link-local servers are allowed. */
int names_server_ip(const char *text, struct cd_ip *out, const char *field, struct cd_diag *d);

/* Same family and address; false when either is NULL or unset. */
bool names_ip_equal(const struct cd_ip *a, const struct cd_ip *b);

/* True for addresses that cannot be an Internet provider's: RFC 1918, 100.64/10 (shared),
 * loopback, link-local, IPv6 ULA fc00::/7, site-local fec0::/10 and ::1. */
bool names_ip_is_private(const struct cd_ip *ip);

/* The KB's note: the Exchange and cluster network names (case-insensitive) and their
 * IPs must differ. A NULL or empty name, or a NULL or unset IP, is not compared. The one
 * message of this rule, for every front end: it names the cluster's field ("Cluster
 * network name", "cluster.name"; "Cluster IP address", "cluster.ip") and quotes the
 * Exchange value it repeats. */
int names_distinct(const char *exchange_name, const struct cd_ip *exchange_ip,
                   const char *cluster_name, const struct cd_ip *cluster_ip, struct cd_diag *d);

/* The reverse-lookup name of ip: "4.3.2.1.in-addr.arpa" or the nibble form under ip6.arpa.
 * Returns CD_OK, or CD_EINVAL when n is too small. */
int names_reverse(const struct cd_ip *ip, char *out, size_t n);

#endif
