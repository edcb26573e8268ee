/*
** factories.h -- small hand-made factories shared by the insertion, living-plan and table
** tests (JSON written with single quotes, see test_json in test.h).
*/
#ifndef ORDO_TEST_FACTORIES_H
#define ORDO_TEST_FACTORIES_H

/* One resource R around the clock; A, B and C made on it at a minute a unit. OA (400 A, due
** 2026-11-24, priority 5, penalty 1) and OB (400 B, same day, penalty 100). */
#define FACTORY_ONE_RESOURCE \
    "{'ordo': 1, 'horizon': {'start': '2026-11-23', 'end': '2027-01-31'}," \
    " 'resources': [{'id': 'R'}]," \
    " 'items': [{'id': 'A', 'source': 'make', 'lead_time_days': 1}," \
    "           {'id': 'B', 'source': 'make', 'lead_time_days': 1}," \
    "           {'id': 'C', 'source': 'make', 'lead_time_days': 1}]," \
    " 'routings': [{'item': 'A', 'operations': [{'seq': 10, 'resources': ['R'], 'run_minutes_per_unit': 1}]}," \
    "              {'item': 'B', 'operations': [{'seq': 10, 'resources': ['R'], 'run_minutes_per_unit': 1}]}," \
    "              {'item': 'C', 'operations': [{'seq': 10, 'resources': ['R'], 'run_minutes_per_unit': 1}]}]," \
    " 'orders': [{'id': 'OA', 'item': 'A', 'qty': 400, 'due': '2026-11-24', 'priority': 5, 'penalty_per_day': 1}," \
    "            {'id': 'OB', 'item': 'B', 'qty': 400, 'due': '2026-11-24', 'penalty_per_day': 100}]}"

/* R works 08:00-16:00 with 120 minutes of overtime a day; A and C made on it at a minute a
** unit; O1 (100 A, due 2026-12-15). */
#define FACTORY_OVERTIME \
    "{'ordo': 1, 'horizon': {'start': '2026-11-23', 'end': '2027-01-31'}," \
    " 'calendars': [{'id': 'DAY', 'shifts': [['08:00', '16:00']], 'overtime_minutes_per_day': 120}]," \
    " 'resources': [{'id': 'R', 'calendar': 'DAY'}]," \
    " 'items': [{'id': 'A', 'source': 'make', 'lead_time_days': 1}," \
    "           {'id': 'C', 'source': 'make', 'lead_time_days': 1}]," \
    " 'routings': [{'item': 'A', 'operations': [{'seq': 10, 'resources': ['R'], 'run_minutes_per_unit': 1}]}," \
    "              {'item': 'C', 'operations': [{'seq': 10, 'resources': ['R'], 'run_minutes_per_unit': 1}]}]," \
    " 'orders': [{'id': 'O1', 'item': 'A', 'qty': 100, 'due': '2026-12-15'}]}"

#endif /* ORDO_TEST_FACTORIES_H */
