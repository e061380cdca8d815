/* The one reader of what operators paste or save from Windows: `ipconfig /all`, netsh,
 * PowerShell and cluster.exe text. The wizard's paste, its file fields and
 * `clusterdns import` all call import_text(), so a text reads the same everywhere.
 *
 * A text may hold several pieces (the output of two commands pasted together); each
 * reader takes what it recognises. Nothing is dropped or invented silently: a line that
 * looks like data but could not be read is listed in unread, by number. */
#ifndef CLUSTERDNS_ENGINE_IMPORT_H
#define CLUSTERDNS_ENGINE_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "servers.h"

#define IMPORT_NAME_SIZE 256 /* bytes of a group, resource or property value, NUL included */
#define IMPORT_UNREAD_SIZE 160

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
    char group[IMPORT_NAME_SIZE]; /* "" when the text does not say */
};

enum import_prop { IMPORT_PROP_IP, IMPORT_PROP_NAME };

/* An IP Address resource's Address, or a Network Name resource's Name. */
struct import_property {
    enum import_prop kind;
    char resource[IMPORT_NAME_SIZE];
    char value[IMPORT_NAME_SIZE];
};

struct import_unread {
    size_t line; /* from 1 */
    char text[IMPORT_UNREAD_SIZE];
};

struct import_result {
    enum import_kind kind;
    struct server_list servers; /* in order; source = the adapter */
    char (*groups)[IMPORT_NAME_SIZE];
    size_t n_groups;
    struct import_resource *resources;
    size_t n_resources;
    struct import_property *props;
    size_t n_props;
    struct import_unread *unread;
    size_t n_unread;
};

void import_init(struct import_result *r);
void import_fini(struct import_result *r);

/* Reads text (len bytes; need not be NUL-terminated) into r (initialised; replaced).
 * CD_OK when anything usable was read (servers, groups, resources or properties);
 * CD_EFORMAT (d says why, naming a line when one is at fault) when nothing was; CD_ENOMEM.
 * r holds what was read either way, unread lines included. */
int import_text(const char *text, size_t len, struct import_result *r, struct cd_diag *d);

/* True when r holds anything usable. */
bool import_usable(const struct import_result *r);

/* The kind's name in JSON ("ipconfig", "cluster-group", ...), and an N_() label for people
 * ("ipconfig /all"). */
const char *import_kind_name(enum import_kind k);
const char *import_kind_label(enum import_kind k);

#endif
