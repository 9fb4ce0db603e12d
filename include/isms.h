/**
 * @file isms.h
 * @brief libisms: an information security management system library after ISO/IEC 27001.
 *
 * The umbrella header: include it to get the whole public API.
 *
 * Layers, lowest first: base (errors, languages, findings, periods), methods (CVSS and
 * other scoring methods), catalog (ISO/IEC 27001 editions), risk (matrices, registers),
 * assess (gap analyses, Statement of Applicability), asset (classification), plan (actions,
 * priorities, schedules), io (CSV, the JSON document), report (the management review). The
 * pure core (everything but io and report) does no file I/O.
 */
#ifndef ISMS_H
#define ISMS_H

#include "isms/version.h"
#include "isms/base.h"
#include "isms/findings.h"
#include "isms/period.h"
#include "isms/cvss.h"
#include "isms/rating.h"
#include "isms/quant.h"
#include "isms/catalog.h"
#include "isms/risk.h"
#include "isms/assess.h"
#include "isms/asset.h"
#include "isms/plan.h"
#include "isms/csv.h"
#include "isms/file.h"
#include "isms/document.h"
#include "isms/report.h"
#include "isms/oscal.h"

#endif
