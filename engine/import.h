/* The one reader of what operators paste or save from Windows: `ipconfig /all`, netsh,
 * PowerShell and cluster.exe text. The wizard's paste, its file fields and
 * `clusterdns import` all call import_text(), so a text reads the same everywhere.
 *
 * A text may hold several pieces (the output of two commands pasted together, with their
 * prompts and command lines); each reader takes what it recognises:
 *   - import_netcfg.c: ipconfig /all, netsh ... show config|dns|dnsservers, the list form
 *     of Get-NetIPConfiguration;
 *   - import_table.c: tables under a dashed ruler: cluster group, cluster res,
 *     cluster res /priv (cluster.exe, whose long names overflow their column), and the
 *     PowerShell tables Get-ClusterGroup, Get-ClusterResource, Get-ClusterParameter,
 *     Get-DnsClientServerAddress (columns found by their header words).
 * Every line is first cleaned the same way (import_lines.c): CR, LF or CRLF ends it, a
 * byte order mark and UTF-16 are undone, tabs are expanded, quoting prefixes ("> ",
 * "| ", "# ") and indentation are removed; prompts and pasted command lines separate
 * pieces and are never read as data.
 *
 * Nothing is dropped or invented silently: a line that looks like data but could not be
 * read is listed in unread, by number. */
#ifndef CLUSTERDNS_ENGINE_IMPORT_H
#define CLUSTERDNS_ENGINE_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "servers.h"

#define IMPORT_NAME_SIZE 256 /* bytes of a group, resource or property value, NUL included */
#define IMPORT_UNREAD_SIZE 160
#define IMPORT_ROWS_MAX 1024 /* groups, resources and properties kept, each */

/* What kind of text was recognised (the first piece that gave something). */
enum import_kind {
    IMPORT_UNKNOWN = 0,
    IMPORT_IPCONFIG,      /* ipconfig /all */
    IMPORT_NETSH,         /* netsh interface ip show dns|config, ipv4 show dnsservers */
    IMPORT_PS_DNS,        /* Get-DnsClientServerAddress, Get-NetIPConfiguration */
    IMPORT_CLUSTER_GROUP, /* cluster group */
    IMPORT_CLUSTER_RES,   /* cluster res */
    IMPORT_CLUSTER_PRIV,  /* cluster res /priv */
    IMPORT_PS_CLUSTER,    /* Get-ClusterGroup, Get-ClusterResource */
    IMPORT_PS_PARAM,      /* Get-ClusterParameter */
    IMPORT_KIND_COUNT
};

struct import_resource {
    char name[IMPORT_NAME_SIZE];
    char group[IMPORT_NAME_SIZE];  /* "" when the text does not say */
    char type[IMPORT_NAME_SIZE];   /* "IP Address", "Network Name", ... or "" (cluster.exe) */
    char node[IMPORT_NAME_SIZE];   /* owner node, or "" */
    char status[IMPORT_NAME_SIZE]; /* "Online", "Failed", ... as printed, or "" */
};

enum import_prop { IMPORT_PROP_IP, IMPORT_PROP_NAME };

/* An IP Address resource's Address (with its SubnetMask and Network when the text gives
 * them), or a Network Name resource's Name: one entry a resource and kind. */
struct import_property {
    enum import_prop kind;
    char resource[IMPORT_NAME_SIZE];
    char value[IMPORT_NAME_SIZE];
    char subnet_mask[IMPORT_NAME_SIZE]; /* IP only; "" when not given */
    char network[IMPORT_NAME_SIZE];     /* IP only; "" when not given */
};

struct import_unread {
    size_t line; /* from 1 */
    char text[IMPORT_UNREAD_SIZE]; /* the line as cleaned, cut at a character boundary */
};

struct import_result {
    enum import_kind kind;
    struct server_list servers; /* in order; source = the adapter */
    char (*groups)[IMPORT_NAME_SIZE]; /* in order of first appearance */
    size_t n_groups;
    struct import_resource *resources;
    size_t n_resources;
    struct import_property *props;
    size_t n_props;
    struct import_unread *unread; /* by line number */
    size_t n_unread;
};

void import_init(struct import_result *r);
void import_fini(struct import_result *r);

/* Reads text (len bytes; need not be NUL-terminated, may hold NUL bytes or be UTF-16
 * with its byte order mark) into r (initialised; replaced).
 * CD_OK when anything usable was read (servers, groups, resources or properties);
 * CD_EFORMAT (d says why) when nothing was; CD_ENOMEM.
 * r holds what was read either way, unread lines included. */
int import_text(const char *text, size_t len, struct import_result *r, struct cd_diag *d);

/* True when r holds anything usable. */
bool import_usable(const struct import_result *r);

/* The kind's name in JSON ("ipconfig", "cluster-group", ...), and an N_() label for people
 * ("ipconfig /all"). */
const char *import_kind_name(enum import_kind k);
const char *import_kind_label(enum import_kind k);

/* ---- the names step: the Exchange virtual server and the cluster ----------------------- */

enum import_found {
    IMPORT_NOT_FOUND = 0, /* the text does not say */
    IMPORT_FOUND,         /* one value, from `resource` */
    IMPORT_AMBIGUOUS,     /* several candidates: the first is given, the operator chooses */
};

struct import_value {
    enum import_found found;
    char value[IMPORT_NAME_SIZE];    /* "" unless found or ambiguous */
    char resource[IMPORT_NAME_SIZE]; /* the resource it was read from */
    size_t candidates;               /* how many resources could give it */
};

struct import_names {
    char cluster_group[IMPORT_NAME_SIZE]; /* the group taken as the cluster's, or "" */
    bool cluster_group_ambiguous;         /* several groups could be it */
    struct import_value exchange_name, exchange_ip, cluster_name, cluster_ip;
};

/* From r and the group the operator says is the Exchange group (exchange_group; NULL or ""
 * when not chosen yet), finds the names and IPs the KB's names step asks for:
 *   - exchange_name / exchange_ip: the Name of a Network Name resource and the Address of
 *     an IP Address resource in exchange_group;
 *   - cluster_name / cluster_ip: the same in the cluster's group: the group named
 *     "Cluster Group", else the one holding the resources "Cluster Name" or
 *     "Cluster IP Address", else the only other group holding both a name and an address
 *     (several such groups: cluster_group_ambiguous, and the cluster values are
 *     IMPORT_AMBIGUOUS).
 * A resource is a Network Name or an IP Address resource by its type when the text gives
 * it, else by the properties read for it (Name; Address). Which group a resource is in
 * comes from `cluster res` or Get-ClusterResource text in r; properties of resources no
 * group is known for are used only by the names above ("Cluster Name", "Cluster IP
 * Address") or when r names a single group. Two different values for one field give
 * IMPORT_AMBIGUOUS with the first one. Never fails; out is filled either way. Nothing here
 * replaces what the operator typed: the caller asks first. */
void import_names(const struct import_result *r, const char *exchange_group,
                  struct import_names *out);

#endif
