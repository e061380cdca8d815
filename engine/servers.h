/* The ordered list of DNS servers a node asks: from this host's resolver configuration
 * (through c-ares), from a --servers argument, or from the text of Windows
 * `ipconfig /all`, `netsh interface ip show dns` and `netsh interface ipv4 show dnsservers`
 * (English or translated, pasted with or without indentation). Order is always kept. */
#ifndef CLUSTERDNS_ENGINE_SERVERS_H
#define CLUSTERDNS_ENGINE_SERVERS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "names.h"

#define SERVERS_MAX 64
/* An adapter name as Windows allows it: 256 UTF-16 units, 3 UTF-8 bytes each at most. */
#define SERVERS_SOURCE_SIZE (256 * 3 + 1)
#define SERVERS_TEXT_SIZE (NAMES_IP_SIZE + 8) /* "[v6]:65535" */

struct dns_server {
    struct cd_ip ip;
    unsigned port;                     /* 1..65535; 53 unless given */
    char source[SERVERS_SOURCE_SIZE];  /* adapter or interface it came from, or "" */
};

struct server_list {
    struct dns_server *v;
    size_t n;
    size_t cap;
};

void server_list_init(struct server_list *l);
void server_list_fini(struct server_list *l);
/* Appends a copy of s unless the same address and port is already listed (returns CD_OK
 * then too); CD_EINVAL past SERVERS_MAX entries. */
int server_list_add(struct server_list *l, const struct dns_server *s, struct cd_diag *d);
void server_list_remove(struct server_list *l, size_t i);
/* Moves entry `from` to position `to`, shifting the others; keeps their relative order. */
void server_list_move(struct server_list *l, size_t from, size_t to);
/* Replaces the entries of dst (initialised) with copies of src's; CD_ENOMEM leaves dst as
 * it was. */
int server_list_copy(struct server_list *dst, const struct server_list *src);

/* The same address and port (the source does not count). */
bool server_same(const struct dns_server *a, const struct dns_server *b);
/* The index of s in l (server_same), or (size_t)-1. */
size_t server_list_find(const struct server_list *l, const struct dns_server *s);
/* The same servers in the same order. */
bool server_list_equal(const struct server_list *a, const struct server_list *b);

/* "IP", "IP:PORT" or "[IPv6]:PORT", port 53 left out. Returns buf (at least SERVERS_TEXT_SIZE). */
const char *server_format(const struct dns_server *s, char *buf, size_t n);

/* Parses one server "IP", "IP:PORT" or "[IPv6]:PORT" (also a bare IPv6 without port). */
int servers_parse_one(const char *text, struct dns_server *out, struct cd_diag *d);

/* Parses a comma-separated --servers list, keeping its order; appends to out, all or
 * nothing. d->where gives the index of the entry at fault ("dns_servers[2]", 0-based); the
 * message names the position of an empty entry ("entry 3") and quotes any other. */
int servers_parse_list(const char *csv, struct server_list *out, struct cd_diag *d);

/* Reads the resolver configuration through c-ares: resolvconf_path NULL means the
 * system's (/etc/resolv.conf), else that file. Appends to out, all or nothing. CD_EIO when
 * the given file cannot be read; CD_EDNS when c-ares fails. A file that names no server
 * gives 127.0.0.1, as c-ares and libc do. */
int servers_from_resolver(const char *resolvconf_path, struct server_list *out, struct cd_diag *d);

enum servers_text_kind {
    SERVERS_TEXT_UNKNOWN = 0,
    SERVERS_TEXT_IPCONFIG, /* ipconfig /all */
    SERVERS_TEXT_NETSH,    /* netsh interface ip show dns / ipv4 show dnsservers */
};

struct servers_import {
    enum servers_text_kind kind;
    size_t adapters;       /* adapters or interfaces that gave servers */
    size_t lines_unread;   /* lines that looked like they carry addresses but did not parse */
    char first_unread[128]; /* the first of those, for the message */
};

/* The DNS servers of pasted Windows text, read by import_text() (import.h), the one
 * reader: per adapter (source = adapter name), in the order given. Appends to out, all or
 * nothing; CD_EFORMAT when no DNS server is found at all. report may be NULL. */
int servers_import_text(const char *text, struct server_list *out, struct servers_import *report,
                        struct cd_diag *d);

#endif
