/* The JSON names of the checklist's enumerations: the codec's own (checklist_json.c writes
 * with them, checklist_read.c reads with them), and nowhere else. Each list ends with
 * NULL; a name's index is the enumeration's value. */
#ifndef CLUSTERDNS_ENGINE_CHECKLIST_NAMES_H
#define CLUSTERDNS_ENGINE_CHECKLIST_NAMES_H

extern const char *const cj_step_names[], *const cj_status_names[], *const cj_kb_names[],
    *const cj_role_names[], *const cj_rstatus_names[], *const cj_outcome_names[],
    *const cj_verdict_names[], *const cj_kind_names[], *const cj_astatus_names[],
    *const cj_host_names[], *const cj_rtype_names[], *const cj_atype_names[];
/* Version 1's own. */
extern const char *const cj_v1_verdict_names[], *const cj_v1_astatus_names[],
    *const cj_v1_atype_names[];

#endif
