/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/cpo.yaml */
/* by scripts/ynl-names.py (scripts/ynl-regen.sh) */

#ifndef _CPO_NAMES_GEN_H
#define _CPO_NAMES_GEN_H

#include <stdbool.h>
#include <stdint.h>

const char *cpo_dev_state_str(uint32_t v);
int cpo_dev_state_by_name(const char *name);
const char *cpo_oe_state_str(uint32_t v);
int cpo_oe_state_by_name(const char *name);
const char *cpo_lane_state_str(uint32_t v);
int cpo_lane_state_by_name(const char *name);
const char *cpo_lane_status_str(uint32_t v);
int cpo_lane_status_by_name(const char *name);
const char *cpo_els_state_str(uint32_t v);
int cpo_els_state_by_name(const char *name);
const char *cpo_laser_state_str(uint32_t v);
int cpo_laser_state_by_name(const char *name);
const char *cpo_laser_fault_str(uint32_t v);
int cpo_laser_fault_by_name(const char *name);
const char *cpo_laser_mode_str(uint32_t v);
int cpo_laser_mode_by_name(const char *name);
const char *cpo_quantity_str(uint32_t v);
int cpo_quantity_by_name(const char *name);
const char *cpo_obj_type_str(uint32_t v);
int cpo_obj_type_by_name(const char *name);
const char *cpo_severity_str(uint32_t v);
int cpo_severity_by_name(const char *name);
const char *cpo_direction_str(uint32_t v);
int cpo_direction_by_name(const char *name);
const char *cpo_event_type_str(uint32_t v);
int cpo_event_type_by_name(const char *name);
const char *cpo_removal_action_str(uint32_t v);
int cpo_removal_action_by_name(const char *name);

/* per attribute set: whether an attribute is a string, signed */
bool cpo_a_is_str(int type);
bool cpo_a_is_signed(int type);
bool cpo_a_alarm_is_str(int type);
bool cpo_a_alarm_is_signed(int type);
bool cpo_a_alarm_hist_is_str(int type);
bool cpo_a_alarm_hist_is_signed(int type);
bool cpo_a_stats_is_str(int type);
bool cpo_a_stats_is_signed(int type);

#endif /* _CPO_NAMES_GEN_H */
