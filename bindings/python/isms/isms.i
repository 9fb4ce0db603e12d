/*
 * SWIG interface of the low-level module isms._isms.
 *
 * Deliberately thin: the C functions are wrapped as they are. Handles are opaque SWIG
 * pointers, fallible functions return their int result code, and out-parameters are
 * appended to the result, so `rc, matrix = isms_matrix_preset("4x4")`. An out-parameter
 * that the C function did not write (because it failed) comes back as None. Small public
 * structs (level, band, score, finding, error, date, period, summary, delta, provenance,
 * relation, floors, inventory summary, CVSS, OWASP and DREAD ratings, rating, distribution,
 * simulation statistics, loss exceedance points) come back as tuples of plain Python values,
 * copied at once, so nothing in Python ever borrows memory from C (an asset pointer inside
 * such a tuple is a borrowed handle, like any other; a simulation's samples are exported
 * through the buffer protocol by an object that keeps their owner alive); dates, periods,
 * floors, ratings and distributions go in as the same tuples. The items of the built-in
 * catalogs are static C data: their opaque pointers stay valid for the life of the process;
 * those of an imported catalog live as long as it does (the Python layer keeps it alive).
 *
 * Nobody is expected to use this module directly: the pure-Python package `isms` checks the
 * result codes, raises exceptions from isms_error_last(), owns the handles and frees them.
 *
 * Generated with `swig -python -noproxy`: there are no SWIG proxy classes, only functions
 * and constants, and the C extension itself is the module `isms._isms`.
 */
%module(package="isms") _isms

%{
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "isms.h"
%}

/* The export macro means nothing to SWIG. */
#define ISMS_EXPORT

/* ---- strings in ------------------------------------------------------------------------
 * str (UTF-8), bytes (taken as they are: file names from os.fsencode()), or None (NULL).
 * Embedded NUL characters would silently cut the text, so they are rejected.
 */
%typemap(in) const char * {
    if ($input == Py_None) {
        $1 = NULL;
    } else if (PyUnicode_Check($input)) {
        Py_ssize_t size_$argnum = 0;
        $1 = ($1_ltype)PyUnicode_AsUTF8AndSize($input, &size_$argnum);
        if (!$1)
            SWIG_fail;
        if (strlen($1) != (size_t)size_$argnum) {
            PyErr_Format(PyExc_ValueError, "argument %d of %s contains a NUL character",
                         $argnum, "$symname");
            SWIG_fail;
        }
    } else if (PyBytes_Check($input)) {
        $1 = ($1_ltype)PyBytes_AS_STRING($input);
        if (strlen($1) != (size_t)PyBytes_GET_SIZE($input)) {
            PyErr_Format(PyExc_ValueError, "argument %d of %s contains a NUL byte",
                         $argnum, "$symname");
            SWIG_fail;
        }
    } else {
        PyErr_Format(PyExc_TypeError, "argument %d of %s must be str, bytes or None, not %s",
                     $argnum, "$symname", Py_TYPE($input)->tp_name);
        SWIG_fail;
    }
}
%typemap(freearg) const char * ""
%typemap(typecheck, precedence=SWIG_TYPECHECK_STRING) const char * {
    $1 = ($input == Py_None || PyUnicode_Check($input) || PyBytes_Check($input)) ? 1 : 0;
}

/* ---- opaque handles out: `T **out` -------------------------------------------------- */
%define ISMS_HANDLE_OUT(TYPE)
%typemap(in, numinputs=0) TYPE **out (TYPE *handle_tmp = NULL) {
    $1 = &handle_tmp;
}
%typemap(argout) TYPE **out {
    $result = SWIG_Python_AppendOutput($result,
                                       SWIG_NewPointerObj(SWIG_as_voidptr(handle_tmp$argnum),
                                                          $*1_descriptor, 0));
}
%enddef
ISMS_HANDLE_OUT(isms_matrix)
ISMS_HANDLE_OUT(isms_matrix_builder)
ISMS_HANDLE_OUT(isms_register)
ISMS_HANDLE_OUT(isms_risk)
ISMS_HANDLE_OUT(isms_findings)
ISMS_HANDLE_OUT(isms_assessment)
ISMS_HANDLE_OUT(isms_entry)
ISMS_HANDLE_OUT(isms_comparison)
ISMS_HANDLE_OUT(isms_scheme)
ISMS_HANDLE_OUT(isms_scheme_builder)
ISMS_HANDLE_OUT(isms_inventory)
ISMS_HANDLE_OUT(isms_asset)
ISMS_HANDLE_OUT(isms_plan)
ISMS_HANDLE_OUT(isms_action)
ISMS_HANDLE_OUT(isms_schedule)
ISMS_HANDLE_OUT(isms_fair)
ISMS_HANDLE_OUT(isms_document)
ISMS_HANDLE_OUT(isms_simulation)
/* isms_catalog_parse_oscal(), isms_catalog_load_oscal(): an imported catalog holding one
 * reference, which the Python Catalog object releases with isms_catalog_free(). */
ISMS_HANDLE_OUT(isms_catalog)

/* ---- scalar out-parameters, appended as int or None ---------------------------------- */
%define ISMS_INT_OUT(TYPE, NAME)
%typemap(in, numinputs=0) TYPE *NAME (TYPE int_tmp) {
    int_tmp = (TYPE)0;
    $1 = &int_tmp;
}
%typemap(argout) TYPE *NAME {
    $result = SWIG_Python_AppendOutput($result,
                                       result == ISMS_OK
                                           ? PyLong_FromLongLong((long long)int_tmp$argnum)
                                           : (Py_INCREF(Py_None), Py_None));
}
%enddef
ISMS_INT_OUT(int, value)
ISMS_INT_OUT(size_t, index)
ISMS_INT_OUT(isms_lang, out)
ISMS_INT_OUT(isms_severity, out)
ISMS_INT_OUT(isms_treatment, out)
ISMS_INT_OUT(isms_risk_status, out)
ISMS_INT_OUT(isms_edition, out)
ISMS_INT_OUT(isms_status, out)
ISMS_INT_OUT(isms_need, out)
ISMS_INT_OUT(isms_applicability, out)
ISMS_INT_OUT(unsigned, out)           /* isms_reason_parse(): the reason flags */
ISMS_INT_OUT(isms_attr_family, family) /* isms_attr_parse(), with `size_t *index` */
ISMS_INT_OUT(isms_aspect, out)
ISMS_INT_OUT(isms_asset_type, out)
ISMS_INT_OUT(isms_relkind, out)
ISMS_INT_OUT(isms_action_status, out)
ISMS_INT_OUT(isms_recurrence, out)
ISMS_INT_OUT(isms_effort_size, size) /* isms_effort_parse(), with `double *days` */
ISMS_INT_OUT(size_t, added)          /* isms_plan_draft() */
ISMS_INT_OUT(isms_method, out)
ISMS_INT_OUT(isms_cvss_severity, out)
ISMS_INT_OUT(isms_owasp_factor, out)
ISMS_INT_OUT(isms_owasp_level, out)
ISMS_INT_OUT(isms_owasp_severity, out)
ISMS_INT_OUT(isms_dist_kind, out)
ISMS_INT_OUT(isms_pert_method, out)
ISMS_INT_OUT(isms_fair_node, out)
ISMS_INT_OUT(isms_oscal_kind, out)

/* ---- small structs out, copied into tuples ------------------------------------------- */
%typemap(in, numinputs=0) isms_level *out (isms_level level_tmp) {
    memset(&level_tmp, 0, sizeof level_tmp);
    $1 = &level_tmp;
}
%typemap(argout) isms_level *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = Py_BuildValue("(iO&O&O&)", level_tmp$argnum.value,
                          isms_py_str, level_tmp$argnum.label_sv,
                          isms_py_str, level_tmp$argnum.label_en,
                          isms_py_str, level_tmp$argnum.description);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* isms_scheme_level(): the same tuple as a matrix level. */
%typemap(in, numinputs=0) isms_class_level *out (isms_class_level class_level_tmp) {
    memset(&class_level_tmp, 0, sizeof class_level_tmp);
    $1 = &class_level_tmp;
}
%typemap(argout) isms_class_level *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = Py_BuildValue("(iO&O&O&)", class_level_tmp$argnum.value,
                          isms_py_str, class_level_tmp$argnum.label_sv,
                          isms_py_str, class_level_tmp$argnum.label_en,
                          isms_py_str, class_level_tmp$argnum.description);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

%typemap(in, numinputs=0) isms_band *out (isms_band band_tmp) {
    memset(&band_tmp, 0, sizeof band_tmp);
    $1 = &band_tmp;
}
%typemap(argout) isms_band *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = Py_BuildValue("(O&iiO&O&O&)", isms_py_str, band_tmp$argnum.name,
                          band_tmp$argnum.min_value, band_tmp$argnum.max_value,
                          isms_py_str, band_tmp$argnum.color,
                          isms_py_str, band_tmp$argnum.label_sv,
                          isms_py_str, band_tmp$argnum.label_en);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

%typemap(in, numinputs=0) isms_score *out (isms_score score_tmp) {
    memset(&score_tmp, 0, sizeof score_tmp);
    $1 = &score_tmp;
}
%typemap(argout) isms_score *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = Py_BuildValue("(iid)", score_tmp$argnum.value, score_tmp$argnum.band,
                          score_tmp$argnum.normalized);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

%typemap(in, numinputs=0) isms_finding *out (isms_finding finding_tmp) {
    memset(&finding_tmp, 0, sizeof finding_tmp);
    $1 = &finding_tmp;
}
%typemap(argout) isms_finding *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = Py_BuildValue("(iO&O&O&)", (int)finding_tmp$argnum.severity,
                          isms_py_str, finding_tmp$argnum.code,
                          isms_py_str, finding_tmp$argnum.ref,
                          isms_py_str, finding_tmp$argnum.message);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* isms_error_last(): (code, message, source, line, column), copied at once. */
%typemap(out) const isms_error * {
    $result = Py_BuildValue("(iO&O&II)", $1->code, isms_py_str, $1->message,
                            isms_py_str, $1->source, $1->line, $1->column);
    if (!$result)
        SWIG_fail;
}

/* ---- arrays of borrowed handles: `T ***out, size_t *n` -> a list ----------------------
 * isms_register_sorted() (risks), isms_inventory_impact() and isms_inventory_due() (assets):
 * the C array is freed here; the handles stay borrowed from their owner.
 */
%define ISMS_HANDLE_LIST(TYPE)
%typemap(in, numinputs=0) (TYPE ***out, size_t *n) (TYPE **list_tmp = NULL, size_t list_n = 0) {
    $1 = &list_tmp;
    $2 = &list_n;
}
%typemap(argout) (TYPE ***out, size_t *n) {
    PyObject *list = Py_None;
    if (result == ISMS_OK) {
        list = PyList_New((Py_ssize_t)list_n$argnum);
        for (size_t i = 0; list && i < list_n$argnum; i++) {
            PyObject *p = SWIG_NewPointerObj(SWIG_as_voidptr(list_tmp$argnum[i]),
                                             $descriptor(TYPE *), 0);
            if (!p) {
                Py_CLEAR(list);
                break;
            }
            PyList_SET_ITEM(list, (Py_ssize_t)i, p);
        }
        if (!list)
            SWIG_fail;
    } else {
        Py_INCREF(list);
    }
    $result = SWIG_Python_AppendOutput($result, list);
}
%typemap(freearg) (TYPE ***out, size_t *n) {
    isms_free(list_tmp$argnum);
}
%enddef
ISMS_HANDLE_LIST(isms_risk)
ISMS_HANDLE_LIST(isms_asset)
ISMS_HANDLE_LIST(isms_action)

/* ---- caller-sized count arrays: pass the number of elements, get a list -------------- */
%define ISMS_COUNTS(PTR, N)
%typemap(in) (size_t *PTR, size_t N) (size_t *counts_tmp = NULL, size_t counts_n = 0) {
    Py_ssize_t want = PyLong_AsSsize_t($input);
    if (want == -1 && PyErr_Occurred())
        SWIG_fail;
    if (want < 0 || (size_t)want > SIZE_MAX / sizeof(size_t)) {
        PyErr_SetString(PyExc_ValueError, "element count out of range");
        SWIG_fail;
    }
    counts_n = (size_t)want;
    counts_tmp = calloc(counts_n ? counts_n : 1, sizeof(size_t));
    if (!counts_tmp) {
        PyErr_NoMemory();
        SWIG_fail;
    }
    $1 = counts_tmp;
    $2 = counts_n;
}
%typemap(argout) (size_t *PTR, size_t N) {
    PyObject *list = Py_None;
    if (result == ISMS_OK) {
        list = PyList_New((Py_ssize_t)counts_n$argnum);
        for (size_t i = 0; list && i < counts_n$argnum; i++) {
            PyObject *v = PyLong_FromSize_t(counts_tmp$argnum[i]);
            if (!v) {
                Py_CLEAR(list);
                break;
            }
            PyList_SET_ITEM(list, (Py_ssize_t)i, v);
        }
        if (!list)
            SWIG_fail;
    } else {
        Py_INCREF(list);
    }
    $result = SWIG_Python_AppendOutput($result, list);
}
%typemap(freearg) (size_t *PTR, size_t N) {
    free(counts_tmp$argnum);
}
%enddef
ISMS_COUNTS(counts, n_counts)
ISMS_COUNTS(grid, n_cells)
ISMS_INT_OUT(size_t, unscored)

/* ---- isms_matrix_builder_set_grid(): a sequence of rows ------------------------------ */
%typemap(in) (const int *values, size_t n_likelihood, size_t n_consequence)
             (int *grid_tmp = NULL) {
    PyObject *rows = PySequence_Fast($input, "the grid must be a sequence of rows");
    if (!rows)
        SWIG_fail;
    Py_ssize_t nrows = PySequence_Fast_GET_SIZE(rows);
    Py_ssize_t ncols = -1;
    int ok = 1;
    for (Py_ssize_t r = 0; ok && r < nrows; r++) {
        PyObject *row = PySequence_Fast(PySequence_Fast_GET_ITEM(rows, r),
                                        "every row of the grid must be a sequence");
        if (!row) {
            ok = 0;
            break;
        }
        Py_ssize_t n = PySequence_Fast_GET_SIZE(row);
        if (ncols < 0) {
            ncols = n;
            grid_tmp = calloc((size_t)(nrows * (ncols ? ncols : 1)), sizeof(int));
            if (!grid_tmp) {
                PyErr_NoMemory();
                ok = 0;
            }
        } else if (n != ncols) {
            PyErr_Format(PyExc_ValueError, "row %zd of the grid has %zd values, row 1 has %zd",
                         r + 1, n, ncols);
            ok = 0;
        }
        for (Py_ssize_t c = 0; ok && c < n; c++) {
            int overflow = 0;
            long v = PyLong_AsLongAndOverflow(PySequence_Fast_GET_ITEM(row, c), &overflow);
            if (v == -1 && PyErr_Occurred()) {
                ok = 0;
            } else if (overflow || v < INT_MIN || v > INT_MAX) {
                PyErr_Format(PyExc_OverflowError,
                             "grid value at row %zd, column %zd does not fit in a C int",
                             r + 1, c + 1);
                ok = 0;
            } else {
                grid_tmp[r * ncols + c] = (int)v;
            }
        }
        Py_DECREF(row);
    }
    Py_DECREF(rows);
    if (!ok)
        SWIG_fail;
    $1 = grid_tmp;
    $2 = (size_t)nrows;
    $3 = (size_t)(ncols < 0 ? 0 : ncols);
}
%typemap(freearg) (const int *values, size_t n_likelihood, size_t n_consequence) {
    free(grid_tmp$argnum);
}

/* ---- isms_register_parse_csv(): any bytes-like object -------------------------------- */
%typemap(in) (const char *data, size_t len) (Py_buffer data_view, int data_held = 0) {
    if (PyObject_GetBuffer($input, &data_view, PyBUF_SIMPLE) != 0)
        SWIG_fail;
    data_held = 1;
    $1 = (char *)data_view.buf;
    $2 = (size_t)data_view.len;
}
%typemap(freearg) (const char *data, size_t len) {
    if (data_held$argnum)
        PyBuffer_Release(&data_view$argnum);
}

/* ---- isms_register_write_csv(): bytes ------------------------------------------------ */
%typemap(in, numinputs=0) (char **out, size_t *len) (char *text_tmp = NULL, size_t text_len = 0) {
    $1 = &text_tmp;
    $2 = &text_len;
}
%typemap(argout) (char **out, size_t *len) {
    PyObject *o = Py_None;
    if (result == ISMS_OK && text_tmp$argnum) {
        o = PyBytes_FromStringAndSize(text_tmp$argnum, (Py_ssize_t)text_len$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}
%typemap(freearg) (char **out, size_t *len) {
    isms_free(text_tmp$argnum);
}

/* ---- dates and periods ----------------------------------------------------------------
 * isms_date <-> (year, month, day), the empty date <-> None. A period is the tuple
 * (kind, start, end, year_assumed, offset, length) with start and end dates as above;
 * offset and length are the C byte offsets into the UTF-8 text.
 */
%typemap(in) isms_date (isms_date date_tmp) {
    if (isms_py_date_from($input, &date_tmp, $argnum, "$symname") != 0)
        SWIG_fail;
    $1 = date_tmp;
}
%typemap(out) isms_date {
    $result = isms_py_date_obj(&$1);
    if (!$result)
        SWIG_fail;
}

/* isms_date_parse(): `isms_date *out`, appended as a tuple or None. */
%typemap(in, numinputs=0) isms_date *out (isms_date date_out_tmp) {
    memset(&date_out_tmp, 0, sizeof date_out_tmp);
    $1 = &date_out_tmp;
}
%typemap(argout) isms_date *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = isms_py_date_obj(&date_out_tmp$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* isms_assessment_lint(): `const isms_date *today`, a tuple or None (NULL). */
%typemap(in) const isms_date *today (isms_date today_tmp) {
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        if (isms_py_date_from($input, &today_tmp, $argnum, "$symname") != 0)
            SWIG_fail;
        $1 = &today_tmp;
    }
}

%typemap(in, numinputs=0) isms_period *out (isms_period period_tmp) {
    memset(&period_tmp, 0, sizeof period_tmp);
    $1 = &period_tmp;
}
%typemap(argout) isms_period *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = isms_py_period_obj(&period_tmp$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}
%typemap(out) isms_period {
    $result = isms_py_period_obj(&$1);
    if (!$result)
        SWIG_fail;
}
%typemap(in) const isms_period * (isms_period period_in_tmp) {
    if (isms_py_period_from($input, &period_in_tmp, $argnum, "$symname") != 0)
        SWIG_fail;
    $1 = &period_in_tmp;
}

/* isms_date_format(), isms_period_format(), isms_cvss_format(), isms_owasp_format(),
 * isms_dread_format(): a caller buffer, appended as str (None when the call failed). 256
 * bytes hold every such text (a CVSS vector needs ISMS_CVSS_VECTOR_MAX, 192). */
%typemap(in, numinputs=0) (char *buf, size_t size) (char fmt_buf[256]) {
    fmt_buf[0] = '\0';
    $1 = fmt_buf;
    $2 = sizeof fmt_buf;
}
%typemap(argout) (char *buf, size_t size) {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = isms_py_str_obj(fmt_buf$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* ---- catalog attributes: five bit sets, one per family -------------------------------- */
%typemap(in, numinputs=0) isms_attributes *out (isms_attributes attrs_tmp) {
    memset(&attrs_tmp, 0, sizeof attrs_tmp);
    $1 = &attrs_tmp;
}
%typemap(argout) isms_attributes *out {
    PyObject *o = isms_py_attrs_obj(&attrs_tmp$argnum);
    if (!o)
        SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o);
}
%typemap(in) const isms_attributes * (isms_attributes attrs_in_tmp) {
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        if (isms_py_attrs_from($input, &attrs_in_tmp, $argnum, "$symname") != 0)
            SWIG_fail;
        $1 = &attrs_in_tmp;
    }
}

/* ---- assessments ---------------------------------------------------------------------- */
/* Weights: (yes, partial, no) or None (NULL: the defaults). */
%typemap(in) const isms_weights * (isms_weights weights_tmp) {
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        PyObject *seq = PySequence_Fast($input, "weights must be a sequence (yes, partial, no)");
        if (!seq)
            SWIG_fail;
        if (PySequence_Fast_GET_SIZE(seq) != 3) {
            Py_DECREF(seq);
            PyErr_Format(PyExc_ValueError, "argument %d of %s must have 3 weights",
                         $argnum, "$symname");
            SWIG_fail;
        }
        double w[3];
        for (int i = 0; i < 3; i++) {
            w[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
            if (w[i] == -1.0 && PyErr_Occurred()) {
                Py_DECREF(seq);
                SWIG_fail;
            }
        }
        Py_DECREF(seq);
        weights_tmp.yes = w[0];
        weights_tmp.partial = w[1];
        weights_tmp.no = w[2];
        $1 = &weights_tmp;
    }
}
%typemap(out) isms_weights {
    $result = Py_BuildValue("(ddd)", $1.yes, $1.partial, $1.no);
    if (!$result)
        SWIG_fail;
}

/* isms_assessment_summarise(): (total, clauses, annex_a, (chapter 4 … 10),
 * ((group item, tally), …), unknown); a tally is
 * ((count per isms_status value), total, applicable, assessed, coverage, compliance). */
%typemap(in, numinputs=0) isms_summary *out (isms_summary summary_tmp) {
    memset(&summary_tmp, 0, sizeof summary_tmp);
    $1 = &summary_tmp;
}
%typemap(argout) isms_summary *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = isms_py_summary_obj(&summary_tmp$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* isms_comparison_get(): (ref, origin, before, after, change), strings copied. */
%typemap(in, numinputs=0) isms_delta *out (isms_delta delta_tmp) {
    memset(&delta_tmp, 0, sizeof delta_tmp);
    $1 = &delta_tmp;
}
%typemap(argout) isms_delta *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = Py_BuildValue("(O&O&iii)", isms_py_str, delta_tmp$argnum.ref,
                          isms_py_str, delta_tmp$argnum.origin, (int)delta_tmp$argnum.before,
                          (int)delta_tmp$argnum.after, (int)delta_tmp$argnum.change);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* ---- asset inventories --------------------------------------------------------------- */
/* isms_asset_effective(): (level, origin, from, floor, cycle); `from` is a borrowed asset
 * pointer or None. */
%typemap(in, numinputs=0) isms_provenance *out (isms_provenance prov_tmp) {
    memset(&prov_tmp, 0, sizeof prov_tmp);
    $1 = &prov_tmp;
}
%typemap(argout) isms_provenance *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = Py_BuildValue("(iiNIO)", prov_tmp$argnum.level, (int)prov_tmp$argnum.origin,
                          isms_py_asset_obj(prov_tmp$argnum.from), prov_tmp$argnum.floor,
                          prov_tmp$argnum.cycle ? Py_True : Py_False);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* isms_inventory_relation(): (src, dst, kind) with borrowed asset pointers. */
%typemap(in, numinputs=0) isms_relation_info *out (isms_relation_info rel_tmp) {
    memset(&rel_tmp, 0, sizeof rel_tmp);
    $1 = &rel_tmp;
}
%typemap(argout) isms_relation_info *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = Py_BuildValue("(NNi)", isms_py_asset_obj(rel_tmp$argnum.src),
                          isms_py_asset_obj(rel_tmp$argnum.dst), (int)rel_tmp$argnum.kind);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* Floors: a tuple of 4 rows (ordinary, special, criminal, pin) of ISMS_ASPECTS ints
 * (ISMS_CLASS_UNSET for none), out and in. */
%typemap(in, numinputs=0) isms_floors *out (isms_floors floors_tmp) {
    memset(&floors_tmp, 0, sizeof floors_tmp);
    $1 = &floors_tmp;
}
%typemap(argout) isms_floors *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = isms_py_floors_obj(&floors_tmp$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}
%typemap(in) const isms_floors * (isms_floors floors_in_tmp) {
    if (isms_py_floors_from($input, &floors_in_tmp, $argnum, "$symname") != 0)
        SWIG_fail;
    $1 = &floors_in_tmp;
}

/* isms_inventory_summarise(): (per_level, per_type, per_overall, with_pdata, total);
 * per_level has one tuple per aspect of 11 counts (index 0 unclassified, then level + 1),
 * per_type one count per asset type, per_overall 11 counts indexed as per_level. */
%typemap(in, numinputs=0) isms_inventory_summary *out (isms_inventory_summary inv_sum_tmp) {
    memset(&inv_sum_tmp, 0, sizeof inv_sum_tmp);
    $1 = &inv_sum_tmp;
}
%typemap(argout) isms_inventory_summary *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = isms_py_inventory_summary_obj(&inv_sum_tmp$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}


/* ---- plans ----------------------------------------------------------------------------- */
/* isms_effort_parse(): person-days, appended as float or None. */
%typemap(in, numinputs=0) double *days (double days_tmp) {
    days_tmp = 0.0;
    $1 = &days_tmp;
}
%typemap(argout) double *days {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = PyFloat_FromDouble(days_tmp$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* isms_action_expected_residual() (a void function): the tuple (likelihood, consequence). */
%typemap(in, numinputs=0) (int *likelihood, int *consequence)
                          (int residual_l = 0, int residual_c = 0) {
    $1 = &residual_l;
    $2 = &residual_c;
}
%typemap(argout) (int *likelihood, int *consequence) {
    PyObject *o = Py_BuildValue("(ii)", residual_l$argnum, residual_c$argnum);
    if (!o)
        SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o);
}

/* isms_action_explain(): new text, decoded and freed here. */
%typemap(in, numinputs=0) char **out (char *str_tmp = NULL) {
    $1 = &str_tmp;
}
%typemap(argout) char **out {
    PyObject *o = Py_None;
    if (result == ISMS_OK && str_tmp$argnum) {
        o = isms_py_str_obj(str_tmp$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}
%typemap(freearg) char **out {
    isms_free(str_tmp$argnum);
}

/* isms_action_target(): (kind, id). */
%typemap(in, numinputs=0) isms_target *out (isms_target target_tmp) {
    memset(&target_tmp, 0, sizeof target_tmp);
    $1 = &target_tmp;
}
%typemap(argout) isms_target *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = Py_BuildValue("(iO&)", (int)target_tmp$argnum.kind, isms_py_str,
                          (void *)target_tmp$argnum.id);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* isms_action_term(): (kind, ref, value, a, b), the ref copied. */
%typemap(in, numinputs=0) isms_term *out (isms_term term_tmp) {
    memset(&term_tmp, 0, sizeof term_tmp);
    $1 = &term_tmp;
}
%typemap(argout) isms_term *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = Py_BuildValue("(iO&ddd)", (int)term_tmp$argnum.kind, isms_py_str,
                          (void *)term_tmp$argnum.ref, term_tmp$argnum.value,
                          term_tmp$argnum.a, term_tmp$argnum.b);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* isms_schedule_item(): (action, effort, occurrences, recurring, late) with a borrowed
 * action pointer. */
%typemap(in, numinputs=0) isms_slot *out (isms_slot slot_tmp) {
    memset(&slot_tmp, 0, sizeof slot_tmp);
    $1 = &slot_tmp;
}
%typemap(argout) isms_slot *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = Py_BuildValue("(NdIOO)", isms_py_action_obj(slot_tmp$argnum.action),
                          slot_tmp$argnum.effort, slot_tmp$argnum.occurrences,
                          slot_tmp$argnum.recurring ? Py_True : Py_False,
                          slot_tmp$argnum.late ? Py_True : Py_False);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* Priority weights: the tuple (base, risk, reduction, requirement, asset, urgency, overdue,
 * horizon_days, effort_unit, effort, today) with today a date tuple or None, out and in
 * (None in: NULL, the defaults). */
%typemap(out) isms_priority {
    $result = isms_py_priority_obj(&$1);
    if (!$result)
        SWIG_fail;
}
%typemap(in) const isms_priority *weights (isms_priority priority_tmp) {
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        if (isms_py_priority_from($input, &priority_tmp, $argnum, "$symname") != 0)
            SWIG_fail;
        $1 = &priority_tmp;
    }
}

/* Schedule options: the tuple (start, unit, periods, capacity, capacities, owners, strict,
 * weights, lang) where start is a date tuple, capacities None or a sequence of one number
 * per period, owners None or a sequence of (owner, person-days) pairs, weights None or a
 * weights tuple as above. Missing parts keep isms_schedule_options_default(). */
%typemap(in) const isms_schedule_options *options (isms_py_schedule_options *sched_tmp = NULL) {
    sched_tmp = calloc(1, sizeof *sched_tmp);
    if (!sched_tmp) {
        PyErr_NoMemory();
        SWIG_fail;
    }
    if (isms_py_schedule_options_from($input, sched_tmp, $argnum, "$symname") != 0)
        SWIG_fail;
    $1 = &sched_tmp->options;
}
%typemap(freearg) const isms_schedule_options *options {
    isms_py_schedule_options_free(sched_tmp$argnum);
}

/* ---- scoring methods: CVSS, OWASP, DREAD, any vector ------------------------------------ */
/* isms_cvss: the tuple (version, score, severity, base, temporal, environmental,
 * nomenclature, parts, macrovector, values) with `values` the bytes of the metric coding;
 * the same tuple goes back in (isms_cvss_format(), isms_cvss_metric(), ...). */
%typemap(in, numinputs=0) isms_cvss *out (isms_cvss cvss_tmp) {
    memset(&cvss_tmp, 0, sizeof cvss_tmp);
    $1 = &cvss_tmp;
}
%typemap(argout) isms_cvss *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = isms_py_cvss_obj(&cvss_tmp$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}
%typemap(in) const isms_cvss * (isms_cvss cvss_in_tmp) {
    if (isms_py_cvss_from($input, &cvss_in_tmp, $argnum, "$symname") != 0)
        SWIG_fail;
    $1 = &cvss_in_tmp;
}

/* isms_cvss_metric(): the value, a static string, appended as str or None. */
%typemap(in, numinputs=0) const char **value (const char *cstr_tmp = NULL) {
    $1 = ($1_ltype)&cstr_tmp;
}
%typemap(argout) const char **value {
    PyObject *o = Py_None;
    if (result == ISMS_OK && cstr_tmp$argnum) {
        o = isms_py_str_obj(cstr_tmp$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* isms_owasp: (factors, business_given, likelihood, technical_impact, business_impact,
 * impact, likelihood_level, impact_level, severity, normalized) with `factors` a tuple of
 * 16 ints (ISMS_OWASP_NOT_GIVEN for business factors not given); the same tuple goes in. */
%typemap(in, numinputs=0) isms_owasp *out (isms_owasp owasp_tmp) {
    memset(&owasp_tmp, 0, sizeof owasp_tmp);
    $1 = &owasp_tmp;
}
%typemap(argout) isms_owasp *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = isms_py_owasp_obj(&owasp_tmp$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}
%typemap(in) const isms_owasp * (isms_owasp owasp_in_tmp) {
    if (isms_py_owasp_from($input, &owasp_in_tmp, $argnum, "$symname") != 0)
        SWIG_fail;
    $1 = &owasp_in_tmp;
}

/* isms_owasp_compute(): the factors as a sequence of 12 or 16 ints. */
%typemap(in) (const int *factors, size_t n_factors) (int factors_tmp[ISMS_OWASP_FACTORS]) {
    PyObject *seq = PySequence_Fast($input, "the OWASP factors must be a sequence of ints");
    if (!seq)
        SWIG_fail;
    Py_ssize_t nf = PySequence_Fast_GET_SIZE(seq);
    int ok = nf >= 0 && nf <= ISMS_OWASP_FACTORS;
    if (!ok)
        PyErr_Format(PyExc_ValueError, "argument %d of %s: at most %d OWASP factors, not %zd",
                     $argnum, "$symname", ISMS_OWASP_FACTORS, nf);
    for (Py_ssize_t i = 0; ok && i < nf; i++)
        ok = isms_py_int(PySequence_Fast_GET_ITEM(seq, i), &factors_tmp[i], "factor",
                         $argnum, "$symname") == 0;
    Py_DECREF(seq);
    if (!ok)
        SWIG_fail;
    $1 = factors_tmp;
    $2 = (size_t)nf;
}

/* isms_dread: (damage, reproducibility, exploitability, affected_users, discoverability,
 * mean, normalized); the same tuple (or its first five) goes in. */
%typemap(in, numinputs=0) isms_dread *out (isms_dread dread_tmp) {
    memset(&dread_tmp, 0, sizeof dread_tmp);
    $1 = &dread_tmp;
}
%typemap(argout) isms_dread *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = Py_BuildValue("(iiiiidd)", dread_tmp$argnum.damage,
                          dread_tmp$argnum.reproducibility, dread_tmp$argnum.exploitability,
                          dread_tmp$argnum.affected_users, dread_tmp$argnum.discoverability,
                          dread_tmp$argnum.mean, dread_tmp$argnum.normalized);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}
%typemap(in) const isms_dread * (isms_dread dread_in_tmp) {
    if (isms_py_dread_from($input, &dread_in_tmp, $argnum, "$symname") != 0)
        SWIG_fail;
    $1 = &dread_in_tmp;
}

/* isms_rating: (method, score, normalized, rank, severity, label_sv, label_en). */
%typemap(in, numinputs=0) isms_rating *out (isms_rating rating_tmp) {
    memset(&rating_tmp, 0, sizeof rating_tmp);
    $1 = &rating_tmp;
}
%typemap(argout) isms_rating *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = Py_BuildValue("(iddiO&O&O&)", (int)rating_tmp$argnum.method,
                          rating_tmp$argnum.score, rating_tmp$argnum.normalized,
                          rating_tmp$argnum.rank, isms_py_str, (void *)rating_tmp$argnum.severity,
                          isms_py_str, (void *)rating_tmp$argnum.label_sv,
                          isms_py_str, (void *)rating_tmp$argnum.label_en);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* A double out-parameter (isms_risk_normalized(), isms_dist_mean(), the simulation's
 * percentiles), appended as float or None. */
%typemap(in, numinputs=0) double *out (double double_tmp) {
    double_tmp = 0.0;
    $1 = &double_tmp;
}
%typemap(argout) double *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = PyFloat_FromDouble(double_tmp$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* ---- quantitative risk: distributions, FAIR models, simulations ------------------------- */
/* isms_dist: (kind, method, value, low, mode, high, gamma, mean, sd, rate), out and in
 * (None in: NULL, which isms_fair_set() takes as "remove the node"). */
%typemap(in, numinputs=0) isms_dist *out (isms_dist dist_tmp) {
    memset(&dist_tmp, 0, sizeof dist_tmp);
    $1 = &dist_tmp;
}
%typemap(argout) isms_dist *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = isms_py_dist_obj(&dist_tmp$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}
%typemap(in) const isms_dist * (isms_dist dist_in_tmp) {
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        if (isms_py_dist_from($input, &dist_in_tmp, $argnum, "$symname") != 0)
            SWIG_fail;
        $1 = &dist_in_tmp;
    }
}

/* isms_simulate(): the models as a sequence of isms_fair handles. */
%typemap(in) (const isms_fair *const *models, size_t n) (const isms_fair **models_tmp = NULL) {
    PyObject *seq = PySequence_Fast($input, "the models must be a sequence of model handles");
    if (!seq)
        SWIG_fail;
    Py_ssize_t nm = PySequence_Fast_GET_SIZE(seq);
    models_tmp = calloc(nm > 0 ? (size_t)nm : 1, sizeof *models_tmp);
    int ok = models_tmp != NULL;
    if (!ok)
        PyErr_NoMemory();
    for (Py_ssize_t i = 0; ok && i < nm; i++) {
        void *p = NULL;
        if (!SWIG_IsOK(SWIG_ConvertPtr(PySequence_Fast_GET_ITEM(seq, i), &p,
                                       $descriptor(isms_fair *), 0))) {
            PyErr_Format(PyExc_TypeError, "argument %d of %s: element %zd is not a model "
                         "handle", $argnum, "$symname", i);
            ok = 0;
        }
        models_tmp[i] = (const isms_fair *)p;
    }
    Py_DECREF(seq);
    if (!ok)
        SWIG_fail;
    $1 = ($1_ltype)models_tmp;
    $2 = (size_t)nm;
}
%typemap(freearg) (const isms_fair *const *models, size_t n) {
    free((void *)models_tmp$argnum);
}

/* Simulation options: the tuple (iterations, seed, threads, keep_samples), or None for the
 * defaults. */
%typemap(in) const isms_sim_options *opts (isms_sim_options opts_tmp) {
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        if (isms_py_sim_options_from($input, &opts_tmp, $argnum, "$symname") != 0)
            SWIG_fail;
        $1 = &opts_tmp;
    }
}

/* isms_simulation_stats(): (iterations, mean, sd, min, max, ale). */
%typemap(in, numinputs=0) isms_sim_stats *out (isms_sim_stats stats_tmp) {
    memset(&stats_tmp, 0, sizeof stats_tmp);
    $1 = &stats_tmp;
}
%typemap(argout) isms_sim_stats *out {
    PyObject *o = Py_None;
    if (result == ISMS_OK) {
        o = Py_BuildValue("(nddddd)", (Py_ssize_t)stats_tmp$argnum.iterations,
                          stats_tmp$argnum.mean, stats_tmp$argnum.sd, stats_tmp$argnum.min,
                          stats_tmp$argnum.max, stats_tmp$argnum.ale);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}

/* isms_simulation_lec(): pass the number of points, get a list of (loss, exceedance). */
%typemap(in) (isms_lec_point *points, size_t n) (isms_lec_point *lec_tmp = NULL,
                                                 size_t lec_n = 0) {
    Py_ssize_t want = PyLong_AsSsize_t($input);
    if (want == -1 && PyErr_Occurred())
        SWIG_fail;
    if (want < 0 || (size_t)want > SIZE_MAX / sizeof(isms_lec_point)) {
        PyErr_SetString(PyExc_ValueError, "number of points out of range");
        SWIG_fail;
    }
    lec_n = (size_t)want;
    lec_tmp = calloc(lec_n ? lec_n : 1, sizeof *lec_tmp);
    if (!lec_tmp) {
        PyErr_NoMemory();
        SWIG_fail;
    }
    $1 = lec_tmp;
    $2 = lec_n;
}
%typemap(argout) (isms_lec_point *points, size_t n) {
    PyObject *list = Py_None;
    if (result == ISMS_OK) {
        list = PyList_New((Py_ssize_t)lec_n$argnum);
        for (size_t i = 0; list && i < lec_n$argnum; i++) {
            PyObject *t = Py_BuildValue("(dd)", lec_tmp$argnum[i].loss,
                                        lec_tmp$argnum[i].exceedance);
            if (!t) {
                Py_CLEAR(list);
                break;
            }
            PyList_SET_ITEM(list, (Py_ssize_t)i, t);
        }
        if (!list)
            SWIG_fail;
    } else {
        Py_INCREF(list);
    }
    $result = SWIG_Python_AppendOutput($result, list);
}
%typemap(freearg) (isms_lec_point *points, size_t n) {
    free(lec_tmp$argnum);
}

/* The simulation and the queries that may sort millions of samples run without the GIL:
 * they touch no Python object (the arguments were converted before, the results are built
 * after), and the caller's Python objects keep the model and result handles alive. */
%define ISMS_NOGIL(FUNC)
%exception FUNC {
    PyThreadState *nogil_state = PyEval_SaveThread();
    $action
    PyEval_RestoreThread(nogil_state);
}
%enddef
ISMS_NOGIL(isms_simulate)
ISMS_NOGIL(isms_simulation_percentile)
ISMS_NOGIL(isms_simulation_var)
ISMS_NOGIL(isms_simulation_expected_shortfall)
ISMS_NOGIL(isms_simulation_lec)

/* ---- documents and reports ------------------------------------------------------------
 * isms_document_context(): (rc, title, text); isms_document_model_at(): (model, risk_id).
 * Load limits go in as (max_bytes, max_depth) or None; report options as (format, lang,
 * color, width, simulate) or None. The settings struct is not wrapped (see below). */
ISMS_INT_OUT(isms_table_kind, kind)
ISMS_INT_OUT(isms_table_kind, out)
ISMS_INT_OUT(isms_report_format, out)
%define ISMS_CSTR_OUT(NAME)
%typemap(in, numinputs=0) const char **NAME (const char *cstr_tmp = NULL) {
    $1 = ($1_ltype)&cstr_tmp;
}
%typemap(argout) const char **NAME {
    PyObject *o = Py_None;
    if (cstr_tmp$argnum) {
        o = isms_py_str_obj(cstr_tmp$argnum);
        if (!o)
            SWIG_fail;
    } else {
        Py_INCREF(o);
    }
    $result = SWIG_Python_AppendOutput($result, o);
}
%enddef
ISMS_CSTR_OUT(title)
ISMS_CSTR_OUT(text)
ISMS_CSTR_OUT(risk_id)
%typemap(in) const isms_load_options *options (isms_load_options load_tmp) {
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        unsigned long long max_bytes = 0;
        unsigned int max_depth = 0;
        if (!PyArg_ParseTuple($input, "KI;load options are (max_bytes, max_depth)",
                              &max_bytes, &max_depth))
            SWIG_fail;
        load_tmp.max_bytes = (size_t)max_bytes;
        load_tmp.max_depth = max_depth;
        $1 = &load_tmp;
    }
}
%typemap(in) const isms_report_options *options (isms_report_options report_tmp) {
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        int format = 0, lang = 0, color = 0, simulate = 1;
        unsigned int width = 0;
        if (!PyArg_ParseTuple($input, "iipIp;report options are (format, lang, color, "
                              "width, simulate)", &format, &lang, &color, &width, &simulate))
            SWIG_fail;
        report_tmp.format = (isms_report_format)format;
        report_tmp.lang = (isms_lang)lang;
        report_tmp.color = color != 0;
        report_tmp.width = width;
        report_tmp.simulate = simulate != 0;
        $1 = &report_tmp;
    }
}
ISMS_NOGIL(isms_document_simulate)
ISMS_NOGIL(isms_report_write)
ISMS_NOGIL(isms_report_save)
%ignore isms_settings;
%ignore isms_settings_default;
%ignore isms_document_settings;
%ignore isms_document_set_settings;
%ignore isms_document_schedule_options;
%ignore isms_load_options;
%ignore isms_report_options;
%ignore isms_report_options_init;

/* ---- what is not wrapped ------------------------------------------------------------- */
/* The structs come back as tuples (above); SWIG need not generate accessors for them. */
%ignore isms_error;
%ignore isms_level;
%ignore isms_band;
%ignore isms_score;
%ignore isms_finding;
%ignore isms_date;
%ignore isms_period;
%ignore isms_attributes;
%ignore isms_mapping;
%ignore isms_mapping::from; /* a Python keyword; the struct is not wrapped anyway */
%ignore isms_weights;
%ignore isms_tally;
%ignore isms_summary;
%ignore isms_delta;
%ignore isms_class_level;
%ignore isms_floors;
%ignore isms_relation_info;
%ignore isms_provenance;
%ignore isms_provenance::from; /* a Python keyword; the struct is not wrapped anyway */
%ignore isms_inventory_summary;
/* Freeing memory is the typemaps' business; a Python caller has no such memory. */
%ignore isms_free;
/* Superseded by isms_py_score_many() below, which takes any buffer of integers. */
%ignore isms_matrix_score_many;
/* Caller-sized arrays of pointers: superseded by isms_py_item_map() and
 * isms_py_catalog_filter() below, which return lists. */
%ignore isms_item_map;
%ignore isms_catalog_filter;
/* Plans: the small structs come back as tuples and go in through the typemaps above;
 * isms_schedule_options_default() is applied inside the options typemap. */
%ignore isms_target;
%ignore isms_term;
%ignore isms_slot;
%ignore isms_priority;
%ignore isms_schedule_options;
%ignore isms_schedule_options_default;
/* Scoring methods and quantitative risk: the structs come back as tuples and go in through
 * the typemaps above; isms_sim_options_init() is applied inside the options typemap. */
%ignore isms_cvss;
%ignore isms_owasp;
%ignore isms_dread;
%ignore isms_rating;
%ignore isms_dist;
%ignore isms_sim_options;
%ignore isms_sim_options_init;
%ignore isms_sim_stats;
%ignore isms_lec_point;
/* Superseded by isms_py_samples() and isms_py_dist_sample() below, which go through the
 * buffer protocol. */
%ignore isms_simulation_samples;
%ignore isms_dist_sample;

%{
/* Py_BuildValue converter: a C string (NULL -> None), decoded as UTF-8. Undecodable bytes
 * become lone surrogates rather than failing, as file names do in Python. */
static PyObject *isms_py_str_obj(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "surrogateescape");
}
static PyObject *isms_py_str(void *s)
{
    return isms_py_str_obj((const char *)s);
}

/* Reads an int from a Python int, with the argument's name in errors. */
static int isms_py_int(PyObject *o, int *out, const char *what, int argnum, const char *fn)
{
    int overflow = 0;
    long v = PyLong_AsLongAndOverflow(o, &overflow);
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (overflow || v < INT_MIN || v > INT_MAX) {
        PyErr_Format(PyExc_OverflowError, "%s in argument %d of %s does not fit in a C int",
                     what, argnum, fn);
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* A date from (year, month, day), or the empty date from None. */
static int isms_py_date_from(PyObject *o, isms_date *d, int argnum, const char *fn)
{
    memset(d, 0, sizeof *d);
    if (o == Py_None)
        return 0;
    PyObject *seq = PySequence_Fast(o, "a date must be a (year, month, day) tuple or None");
    if (!seq)
        return -1;
    int ok = PySequence_Fast_GET_SIZE(seq) == 3;
    if (!ok)
        PyErr_Format(PyExc_ValueError, "argument %d of %s: a date has 3 parts (year, month, "
                     "day), not %zd", argnum, fn, PySequence_Fast_GET_SIZE(seq));
    if (ok)
        ok = isms_py_int(PySequence_Fast_GET_ITEM(seq, 0), &d->year, "year", argnum, fn) == 0
          && isms_py_int(PySequence_Fast_GET_ITEM(seq, 1), &d->month, "month", argnum, fn) == 0
          && isms_py_int(PySequence_Fast_GET_ITEM(seq, 2), &d->day, "day", argnum, fn) == 0;
    Py_DECREF(seq);
    return ok ? 0 : -1;
}

static PyObject *isms_py_date_obj(const isms_date *d)
{
    if (d->year == 0 && d->month == 0 && d->day == 0)
        Py_RETURN_NONE;
    return Py_BuildValue("(iii)", d->year, d->month, d->day);
}

/* Py_BuildValue converter for `const isms_date *`. */
static PyObject *isms_py_date(void *d)
{
    return isms_py_date_obj((const isms_date *)d);
}

static PyObject *isms_py_period_obj(const isms_period *p)
{
    return Py_BuildValue("(iO&O&Onn)", (int)p->kind, isms_py_date, (void *)&p->start,
                         isms_py_date, (void *)&p->end, p->year_assumed ? Py_True : Py_False,
                         (Py_ssize_t)p->offset, (Py_ssize_t)p->length);
}

/* A period from the tuple isms_py_period_obj() makes; (kind, start, end) is enough. */
static int isms_py_period_from(PyObject *o, isms_period *p, int argnum, const char *fn)
{
    memset(p, 0, sizeof *p);
    PyObject *seq = PySequence_Fast(o, "a period must be a tuple (kind, start, end, "
                                       "year_assumed, offset, length)");
    if (!seq)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    int ok = n >= 3 && n <= 6;
    if (!ok)
        PyErr_Format(PyExc_ValueError, "argument %d of %s: a period has 3 to 6 parts, not %zd",
                     argnum, fn, n);
    int kind = 0;
    if (ok)
        ok = isms_py_int(PySequence_Fast_GET_ITEM(seq, 0), &kind, "kind", argnum, fn) == 0
          && isms_py_date_from(PySequence_Fast_GET_ITEM(seq, 1), &p->start, argnum, fn) == 0
          && isms_py_date_from(PySequence_Fast_GET_ITEM(seq, 2), &p->end, argnum, fn) == 0;
    if (ok && n > 3) {
        int truth = PyObject_IsTrue(PySequence_Fast_GET_ITEM(seq, 3));
        ok = truth >= 0;
        p->year_assumed = truth > 0;
    }
    for (Py_ssize_t i = 4; ok && i < n; i++) {
        size_t v = PyLong_AsSize_t(PySequence_Fast_GET_ITEM(seq, i));
        if (v == (size_t)-1 && PyErr_Occurred())
            ok = 0;
        else if (i == 4)
            p->offset = v;
        else
            p->length = v;
    }
    Py_DECREF(seq);
    p->kind = (isms_period_kind)kind;
    return ok ? 0 : -1;
}

static PyObject *isms_py_attrs_obj(const isms_attributes *a)
{
    PyObject *t = PyTuple_New(ISMS_ATTR_FAMILIES);
    for (Py_ssize_t f = 0; t && f < ISMS_ATTR_FAMILIES; f++) {
        PyObject *v = PyLong_FromUnsignedLong(a->bits[f]);
        if (!v) {
            Py_CLEAR(t);
            break;
        }
        PyTuple_SET_ITEM(t, f, v);
    }
    return t;
}

/* Attributes from a sequence of one bit set per family (shorter sequences leave the rest
 * 0). */
static int isms_py_attrs_from(PyObject *o, isms_attributes *a, int argnum, const char *fn)
{
    memset(a, 0, sizeof *a);
    PyObject *seq = PySequence_Fast(o, "attributes must be a sequence of bit sets, one per "
                                       "family");
    if (!seq)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    int ok = n <= ISMS_ATTR_FAMILIES;
    if (!ok)
        PyErr_Format(PyExc_ValueError, "argument %d of %s: at most %d attribute families, "
                     "not %zd", argnum, fn, ISMS_ATTR_FAMILIES, n);
    for (Py_ssize_t f = 0; ok && f < n; f++) {
        unsigned long v = PyLong_AsUnsignedLong(PySequence_Fast_GET_ITEM(seq, f));
        if (v == (unsigned long)-1 && PyErr_Occurred())
            ok = 0;
        else if (v > UINT_MAX) {
            PyErr_Format(PyExc_OverflowError, "argument %d of %s: attribute bits out of "
                         "range", argnum, fn);
            ok = 0;
        } else {
            a->bits[f] = (unsigned)v;
        }
    }
    Py_DECREF(seq);
    return ok ? 0 : -1;
}

static PyObject *isms_py_item_obj(const isms_item *item)
{
    if (!item)
        Py_RETURN_NONE;
    return SWIG_NewPointerObj(SWIG_as_voidptr(item), SWIGTYPE_p_isms_item, 0);
}

/* Py_BuildValue converter for `const isms_tally *`. */
static PyObject *isms_py_tally(void *p)
{
    const isms_tally *t = (const isms_tally *)p;
    return Py_BuildValue("((IIIII)IIIdd)", t->counts[0], t->counts[1], t->counts[2],
                         t->counts[3], t->counts[4], t->total, t->applicable, t->assessed,
                         t->coverage, t->compliance);
}

static PyObject *isms_py_summary_obj(const isms_summary *s)
{
    PyObject *chapters = PyTuple_New(7);
    for (Py_ssize_t c = 0; chapters && c < 7; c++) {
        PyObject *t = isms_py_tally((void *)&s->chapter[c]);
        if (!t) {
            Py_CLEAR(chapters);
            break;
        }
        PyTuple_SET_ITEM(chapters, c, t);
    }
    if (!chapters)
        return NULL;
    size_t ng = s->group_count <= ISMS_MAX_GROUPS ? s->group_count : ISMS_MAX_GROUPS;
    PyObject *groups = PyTuple_New((Py_ssize_t)ng);
    for (size_t g = 0; groups && g < ng; g++) {
        PyObject *t = Py_BuildValue("(NO&)", isms_py_item_obj(s->group[g]), isms_py_tally,
                                    (void *)&s->groups[g]);
        if (!t) {
            Py_CLEAR(groups);
            break;
        }
        PyTuple_SET_ITEM(groups, (Py_ssize_t)g, t);
    }
    if (!groups) {
        Py_DECREF(chapters);
        return NULL;
    }
    return Py_BuildValue("(O&O&O&NNI)", isms_py_tally, (void *)&s->total, isms_py_tally,
                         (void *)&s->clauses, isms_py_tally, (void *)&s->annex_a, chapters,
                         groups, s->unknown);
}

/* A borrowed asset pointer (NULL -> None). */
static PyObject *isms_py_asset_obj(const isms_asset *asset)
{
    if (!asset)
        Py_RETURN_NONE;
    return SWIG_NewPointerObj(SWIG_as_voidptr(asset), SWIGTYPE_p_isms_asset, 0);
}

static PyObject *isms_py_floors_obj(const isms_floors *f)
{
    PyObject *t = PyTuple_New(4);
    for (Py_ssize_t k = 0; t && k < 4; k++) {
        PyObject *row = PyTuple_New(ISMS_ASPECTS);
        for (Py_ssize_t a = 0; row && a < ISMS_ASPECTS; a++) {
            PyObject *v = PyLong_FromLong(f->min[k][a]);
            if (!v) {
                Py_CLEAR(row);
                break;
            }
            PyTuple_SET_ITEM(row, a, v);
        }
        if (!row) {
            Py_CLEAR(t);
            break;
        }
        PyTuple_SET_ITEM(t, k, row);
    }
    return t;
}

/* Floors from a sequence of 4 rows of ISMS_ASPECTS ints. */
static int isms_py_floors_from(PyObject *o, isms_floors *f, int argnum, const char *fn)
{
    memset(f, 0, sizeof *f);
    PyObject *rows = PySequence_Fast(o, "floors must be a sequence of 4 rows (ordinary, "
                                        "special, criminal, pin) of 4 levels");
    if (!rows)
        return -1;
    int ok = PySequence_Fast_GET_SIZE(rows) == 4;
    if (!ok)
        PyErr_Format(PyExc_ValueError, "argument %d of %s: floors have 4 rows, not %zd",
                     argnum, fn, PySequence_Fast_GET_SIZE(rows));
    for (Py_ssize_t k = 0; ok && k < 4; k++) {
        PyObject *row = PySequence_Fast(PySequence_Fast_GET_ITEM(rows, k),
                                        "every row of the floors must be a sequence");
        if (!row) {
            ok = 0;
            break;
        }
        if (PySequence_Fast_GET_SIZE(row) != ISMS_ASPECTS) {
            PyErr_Format(PyExc_ValueError, "argument %d of %s: row %zd of the floors has %zd "
                         "levels, not %d", argnum, fn, k + 1, PySequence_Fast_GET_SIZE(row),
                         ISMS_ASPECTS);
            ok = 0;
        }
        for (Py_ssize_t a = 0; ok && a < ISMS_ASPECTS; a++)
            ok = isms_py_int(PySequence_Fast_GET_ITEM(row, a), &f->min[k][a], "floor",
                             argnum, fn) == 0;
        Py_DECREF(row);
    }
    Py_DECREF(rows);
    return ok ? 0 : -1;
}

/* A tuple of n size_t counts. */
static PyObject *isms_py_counts_obj(const size_t *counts, size_t n)
{
    PyObject *t = PyTuple_New((Py_ssize_t)n);
    for (size_t i = 0; t && i < n; i++) {
        PyObject *v = PyLong_FromSize_t(counts[i]);
        if (!v) {
            Py_CLEAR(t);
            break;
        }
        PyTuple_SET_ITEM(t, (Py_ssize_t)i, v);
    }
    return t;
}

static PyObject *isms_py_inventory_summary_obj(const isms_inventory_summary *s)
{
    size_t nlevels = sizeof s->per_level[0] / sizeof s->per_level[0][0];
    PyObject *levels = PyTuple_New(ISMS_ASPECTS);
    for (Py_ssize_t a = 0; levels && a < ISMS_ASPECTS; a++) {
        PyObject *t = isms_py_counts_obj(s->per_level[a], nlevels);
        if (!t) {
            Py_CLEAR(levels);
            break;
        }
        PyTuple_SET_ITEM(levels, a, t);
    }
    if (!levels)
        return NULL;
    PyObject *types = isms_py_counts_obj(s->per_type, ISMS_ASSET_TYPES);
    PyObject *overall = isms_py_counts_obj(s->per_overall,
                                           sizeof s->per_overall / sizeof s->per_overall[0]);
    if (!types || !overall) {
        Py_XDECREF(types);
        Py_XDECREF(overall);
        Py_DECREF(levels);
        return NULL;
    }
    return Py_BuildValue("(NNNnn)", levels, types, overall, (Py_ssize_t)s->with_pdata,
                         (Py_ssize_t)s->total);
}
/* ---- plans ---------------------------------------------------------------------------- */
/* A borrowed action pointer (NULL -> None). */
static PyObject *isms_py_action_obj(const isms_action *action)
{
    if (!action)
        Py_RETURN_NONE;
    return SWIG_NewPointerObj(SWIG_as_voidptr(action), SWIGTYPE_p_isms_action, 0);
}

static PyObject *isms_py_priority_obj(const isms_priority *p)
{
    return Py_BuildValue("(ddddddddddO&)", p->base, p->risk, p->reduction, p->requirement,
                         p->asset, p->urgency, p->overdue, p->horizon_days, p->effort_unit,
                         p->effort, isms_py_date, (void *)&p->today);
}

/* A number from a Python int or float (not a bool), with its name in errors. */
static int isms_py_number(PyObject *o, double *out, const char *what, int argnum,
                          const char *fn)
{
    if (PyBool_Check(o) || !(PyFloat_Check(o) || PyLong_Check(o))) {
        PyErr_Format(PyExc_TypeError, "%s in argument %d of %s must be a number, not %s",
                     what, argnum, fn, Py_TYPE(o)->tp_name);
        return -1;
    }
    double v = PyFloat_AsDouble(o);
    if (v == -1.0 && PyErr_Occurred())
        return -1;
    *out = v;
    return 0;
}

static const char *const isms_py_priority_names[10] = {
    "base", "risk", "reduction", "requirement", "asset", "urgency", "overdue",
    "horizon_days", "effort_unit", "effort",
};

/* Weights from the tuple isms_py_priority_obj() makes. */
static int isms_py_priority_from(PyObject *o, isms_priority *p, int argnum, const char *fn)
{
    *p = isms_priority_default();
    PyObject *seq = PySequence_Fast(o, "weights must be a tuple (base, risk, reduction, "
                                       "requirement, asset, urgency, overdue, horizon_days, "
                                       "effort_unit, effort, today)");
    if (!seq)
        return -1;
    int ok = PySequence_Fast_GET_SIZE(seq) == 11;
    if (!ok)
        PyErr_Format(PyExc_ValueError, "argument %d of %s: weights have 11 parts, not %zd",
                     argnum, fn, PySequence_Fast_GET_SIZE(seq));
    double w[10] = { 0 };
    for (Py_ssize_t i = 0; ok && i < 10; i++)
        ok = isms_py_number(PySequence_Fast_GET_ITEM(seq, i), &w[i],
                            isms_py_priority_names[i], argnum, fn) == 0;
    if (ok)
        ok = isms_py_date_from(PySequence_Fast_GET_ITEM(seq, 10), &p->today, argnum, fn) == 0;
    Py_DECREF(seq);
    if (!ok)
        return -1;
    p->base = w[0];
    p->risk = w[1];
    p->reduction = w[2];
    p->requirement = w[3];
    p->asset = w[4];
    p->urgency = w[5];
    p->overdue = w[6];
    p->horizon_days = w[7];
    p->effort_unit = w[8];
    p->effort = w[9];
    return 0;
}

/* isms_schedule_options with the arrays it borrows, owned by the typemap for one call. */
typedef struct isms_py_schedule_options {
    isms_schedule_options options;
    double *capacities;
    double *owner_capacity;
    const char **owners;
    PyObject *names; /* a list holding the owners' str objects (their UTF-8 stays valid) */
} isms_py_schedule_options;

static void isms_py_schedule_options_free(isms_py_schedule_options *s)
{
    if (!s)
        return;
    free(s->capacities);
    free(s->owner_capacity);
    free((void *)s->owners);
    Py_XDECREF(s->names);
    free(s);
}

/* Reads the options tuple; on failure the arrays made so far stay in `s` for the caller to
 * free. */
static int isms_py_schedule_options_from(PyObject *o, isms_py_schedule_options *s, int argnum,
                                         const char *fn)
{
    s->options = isms_schedule_options_default();
    PyObject *seq = PySequence_Fast(o, "schedule options must be a tuple (start, unit, "
                                       "periods, capacity, capacities, owners, strict, "
                                       "weights, lang)");
    if (!seq)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    int ok = n == 9;
    if (!ok)
        PyErr_Format(PyExc_ValueError, "argument %d of %s: schedule options have 9 parts, "
                     "not %zd", argnum, fn, n);
    isms_schedule_options *opt = &s->options;
    int unit = 0, lang = 0;
    if (ok)
        ok = isms_py_date_from(PySequence_Fast_GET_ITEM(seq, 0), &opt->start, argnum, fn) == 0
          && isms_py_int(PySequence_Fast_GET_ITEM(seq, 1), &unit, "unit", argnum, fn) == 0;
    if (ok) {
        opt->unit = (isms_period_kind)unit;
        size_t periods = PyLong_AsSize_t(PySequence_Fast_GET_ITEM(seq, 2));
        if (periods == (size_t)-1 && PyErr_Occurred())
            ok = 0;
        else
            opt->periods = periods;
    }
    if (ok)
        ok = isms_py_number(PySequence_Fast_GET_ITEM(seq, 3), &opt->capacity, "capacity",
                            argnum, fn) == 0;
    PyObject *caps = ok ? PySequence_Fast_GET_ITEM(seq, 4) : Py_None;
    if (ok && caps != Py_None) {
        PyObject *cs = PySequence_Fast(caps, "capacities must be a sequence of numbers");
        if (!cs) {
            ok = 0;
        } else {
            Py_ssize_t k = PySequence_Fast_GET_SIZE(cs);
            if ((size_t)k != opt->periods) {
                PyErr_Format(PyExc_ValueError, "argument %d of %s: %zd capacities for %zu "
                             "periods; give one per period", argnum, fn, k, opt->periods);
                ok = 0;
            } else {
                s->capacities = calloc(k ? (size_t)k : 1, sizeof(double));
                if (!s->capacities) {
                    PyErr_NoMemory();
                    ok = 0;
                }
            }
            for (Py_ssize_t i = 0; ok && i < k; i++)
                ok = isms_py_number(PySequence_Fast_GET_ITEM(cs, i), &s->capacities[i],
                                    "capacity", argnum, fn) == 0;
            Py_DECREF(cs);
            opt->capacities = s->capacities;
        }
    }
    PyObject *owners = ok ? PySequence_Fast_GET_ITEM(seq, 5) : Py_None;
    if (ok && owners != Py_None) {
        PyObject *os = PySequence_Fast(owners, "owners must be a sequence of (owner, "
                                               "person-days) pairs");
        Py_ssize_t k = os ? PySequence_Fast_GET_SIZE(os) : 0;
        ok = os != NULL;
        if (ok) {
            s->names = PyList_New(0);
            s->owners = calloc(k ? (size_t)k : 1, sizeof(const char *));
            s->owner_capacity = calloc(k ? (size_t)k : 1, sizeof(double));
            if (!s->names || !s->owners || !s->owner_capacity) {
                if (!PyErr_Occurred())
                    PyErr_NoMemory();
                ok = 0;
            }
        }
        for (Py_ssize_t i = 0; ok && i < k; i++) {
            PyObject *pair = PySequence_Fast_GET_ITEM(os, i);
            if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
                PyErr_Format(PyExc_TypeError, "argument %d of %s: owner %zd must be a pair "
                             "(owner, person-days)", argnum, fn, i + 1);
                ok = 0;
                break;
            }
            PyObject *name = PyTuple_GET_ITEM(pair, 0);
            if (!PyUnicode_Check(name)) {
                PyErr_Format(PyExc_TypeError, "argument %d of %s: an owner must be a str, "
                             "not %s", argnum, fn, Py_TYPE(name)->tp_name);
                ok = 0;
                break;
            }
            Py_ssize_t len = 0;
            const char *utf8 = PyUnicode_AsUTF8AndSize(name, &len);
            if (!utf8) {
                ok = 0;
                break;
            }
            if (strlen(utf8) != (size_t)len) {
                PyErr_Format(PyExc_ValueError, "argument %d of %s: owner %zd contains a NUL "
                             "character", argnum, fn, i + 1);
                ok = 0;
                break;
            }
            if (PyList_Append(s->names, name) != 0) {
                ok = 0;
                break;
            }
            s->owners[i] = utf8;
            ok = isms_py_number(PyTuple_GET_ITEM(pair, 1), &s->owner_capacity[i],
                                "owner capacity", argnum, fn) == 0;
        }
        Py_XDECREF(os);
        if (ok) {
            opt->owners = s->owners;
            opt->owner_capacity = s->owner_capacity;
            opt->owner_count = (size_t)k;
        }
    }
    if (ok) {
        int truth = PyObject_IsTrue(PySequence_Fast_GET_ITEM(seq, 6));
        ok = truth >= 0;
        opt->strict = truth > 0;
    }
    PyObject *weights = ok ? PySequence_Fast_GET_ITEM(seq, 7) : Py_None;
    if (ok && weights != Py_None)
        ok = isms_py_priority_from(weights, &opt->priority, argnum, fn) == 0;
    if (ok)
        ok = isms_py_int(PySequence_Fast_GET_ITEM(seq, 8), &lang, "lang", argnum, fn) == 0;
    if (ok)
        opt->lang = (isms_lang)lang;
    Py_DECREF(seq);
    return ok ? 0 : -1;
}
%}

%{
/* ---- scoring methods ----------------------------------------------------------------- */
static PyObject *isms_py_cvss_obj(const isms_cvss *c)
{
    return Py_BuildValue("(ididddiIO&y#)", (int)c->version, c->score, (int)c->severity,
                         c->base, c->temporal, c->environmental, (int)c->nomenclature,
                         c->parts, isms_py_str, (void *)c->macrovector,
                         (const char *)c->values, (Py_ssize_t)sizeof c->values);
}

/* A vector from the tuple isms_py_cvss_obj() makes. */
static int isms_py_cvss_from(PyObject *o, isms_cvss *c, int argnum, const char *fn)
{
    memset(c, 0, sizeof *c);
    PyObject *seq = PySequence_Fast(o, "a CVSS vector must be the tuple isms_cvss_parse() "
                                       "gives");
    if (!seq)
        return -1;
    int ok = PySequence_Fast_GET_SIZE(seq) == 10;
    if (!ok)
        PyErr_Format(PyExc_ValueError, "argument %d of %s: a CVSS tuple has 10 parts, not %zd",
                     argnum, fn, PySequence_Fast_GET_SIZE(seq));
    int version = 0, severity = 0, nomenclature = 0;
    if (ok)
        ok = isms_py_int(PySequence_Fast_GET_ITEM(seq, 0), &version, "version", argnum, fn) == 0
          && isms_py_number(PySequence_Fast_GET_ITEM(seq, 1), &c->score, "score", argnum,
                            fn) == 0
          && isms_py_int(PySequence_Fast_GET_ITEM(seq, 2), &severity, "severity", argnum,
                         fn) == 0
          && isms_py_number(PySequence_Fast_GET_ITEM(seq, 3), &c->base, "base", argnum, fn) == 0
          && isms_py_number(PySequence_Fast_GET_ITEM(seq, 4), &c->temporal, "temporal", argnum,
                            fn) == 0
          && isms_py_number(PySequence_Fast_GET_ITEM(seq, 5), &c->environmental,
                            "environmental", argnum, fn) == 0
          && isms_py_int(PySequence_Fast_GET_ITEM(seq, 6), &nomenclature, "nomenclature",
                         argnum, fn) == 0;
    if (ok) {
        unsigned long parts = PyLong_AsUnsignedLong(PySequence_Fast_GET_ITEM(seq, 7));
        if (parts == (unsigned long)-1 && PyErr_Occurred())
            ok = 0;
        c->parts = (unsigned)parts;
    }
    if (ok) {
        PyObject *mv = PySequence_Fast_GET_ITEM(seq, 8);
        if (mv != Py_None) {
            Py_ssize_t len = 0;
            const char *s = PyUnicode_Check(mv) ? PyUnicode_AsUTF8AndSize(mv, &len) : NULL;
            if (!s || (size_t)len >= sizeof c->macrovector) {
                if (!PyErr_Occurred())
                    PyErr_Format(PyExc_ValueError, "argument %d of %s: the macrovector must "
                                 "be a str of at most %zu characters", argnum, fn,
                                 sizeof c->macrovector - 1);
                ok = 0;
            } else {
                memcpy(c->macrovector, s, (size_t)len);
            }
        }
    }
    if (ok) {
        PyObject *v = PySequence_Fast_GET_ITEM(seq, 9);
        if (!PyBytes_Check(v) || PyBytes_GET_SIZE(v) != (Py_ssize_t)sizeof c->values) {
            PyErr_Format(PyExc_ValueError, "argument %d of %s: the metric values must be %zu "
                         "bytes", argnum, fn, sizeof c->values);
            ok = 0;
        } else {
            memcpy(c->values, PyBytes_AS_STRING(v), sizeof c->values);
        }
    }
    Py_DECREF(seq);
    c->version = (isms_cvss_version)version;
    c->severity = (isms_cvss_severity)severity;
    c->nomenclature = (isms_cvss_nomenclature)nomenclature;
    return ok ? 0 : -1;
}

static PyObject *isms_py_owasp_obj(const isms_owasp *w)
{
    PyObject *factors = PyTuple_New(ISMS_OWASP_FACTORS);
    for (Py_ssize_t i = 0; factors && i < ISMS_OWASP_FACTORS; i++) {
        PyObject *v = PyLong_FromLong(w->factors[i]);
        if (!v) {
            Py_CLEAR(factors);
            break;
        }
        PyTuple_SET_ITEM(factors, i, v);
    }
    if (!factors)
        return NULL;
    return Py_BuildValue("(NOddddiiid)", factors, w->business_given ? Py_True : Py_False,
                         w->likelihood, w->technical_impact, w->business_impact, w->impact,
                         (int)w->likelihood_level, (int)w->impact_level, (int)w->severity,
                         w->normalized);
}

/* A rating from the tuple isms_py_owasp_obj() makes; (factors, business_given) is enough. */
static int isms_py_owasp_from(PyObject *o, isms_owasp *w, int argnum, const char *fn)
{
    memset(w, 0, sizeof *w);
    PyObject *seq = PySequence_Fast(o, "an OWASP rating must be a tuple (factors, "
                                       "business_given, ...)");
    if (!seq)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    int ok = n == 2 || n == 10;
    if (!ok)
        PyErr_Format(PyExc_ValueError, "argument %d of %s: an OWASP tuple has 2 or 10 parts, "
                     "not %zd", argnum, fn, n);
    if (ok) {
        PyObject *fs = PySequence_Fast(PySequence_Fast_GET_ITEM(seq, 0),
                                       "the OWASP factors must be a sequence of ints");
        ok = fs != NULL;
        if (ok && PySequence_Fast_GET_SIZE(fs) != ISMS_OWASP_FACTORS) {
            PyErr_Format(PyExc_ValueError, "argument %d of %s: %d OWASP factors, not %zd",
                         argnum, fn, ISMS_OWASP_FACTORS, PySequence_Fast_GET_SIZE(fs));
            ok = 0;
        }
        for (Py_ssize_t i = 0; ok && i < ISMS_OWASP_FACTORS; i++)
            ok = isms_py_int(PySequence_Fast_GET_ITEM(fs, i), &w->factors[i], "factor",
                             argnum, fn) == 0;
        Py_XDECREF(fs);
    }
    if (ok) {
        int truth = PyObject_IsTrue(PySequence_Fast_GET_ITEM(seq, 1));
        ok = truth >= 0;
        w->business_given = truth > 0;
    }
    if (ok && n == 10) {
        int levels[3] = { 0, 0, 0 };
        ok = isms_py_number(PySequence_Fast_GET_ITEM(seq, 2), &w->likelihood, "likelihood",
                            argnum, fn) == 0
          && isms_py_number(PySequence_Fast_GET_ITEM(seq, 3), &w->technical_impact,
                            "technical impact", argnum, fn) == 0
          && isms_py_number(PySequence_Fast_GET_ITEM(seq, 4), &w->business_impact,
                            "business impact", argnum, fn) == 0
          && isms_py_number(PySequence_Fast_GET_ITEM(seq, 5), &w->impact, "impact", argnum,
                            fn) == 0
          && isms_py_int(PySequence_Fast_GET_ITEM(seq, 6), &levels[0], "likelihood level",
                         argnum, fn) == 0
          && isms_py_int(PySequence_Fast_GET_ITEM(seq, 7), &levels[1], "impact level",
                         argnum, fn) == 0
          && isms_py_int(PySequence_Fast_GET_ITEM(seq, 8), &levels[2], "severity", argnum,
                         fn) == 0
          && isms_py_number(PySequence_Fast_GET_ITEM(seq, 9), &w->normalized, "normalized",
                            argnum, fn) == 0;
        w->likelihood_level = (isms_owasp_level)levels[0];
        w->impact_level = (isms_owasp_level)levels[1];
        w->severity = (isms_owasp_severity)levels[2];
    }
    Py_DECREF(seq);
    return ok ? 0 : -1;
}

/* A DREAD rating from (damage, reproducibility, exploitability, affected_users,
 * discoverability[, mean, normalized]). */
static int isms_py_dread_from(PyObject *o, isms_dread *d, int argnum, const char *fn)
{
    memset(d, 0, sizeof *d);
    PyObject *seq = PySequence_Fast(o, "a DREAD rating must be a tuple of its five factors");
    if (!seq)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    int ok = n == 5 || n == 7;
    if (!ok)
        PyErr_Format(PyExc_ValueError, "argument %d of %s: a DREAD tuple has 5 or 7 parts, "
                     "not %zd", argnum, fn, n);
    if (ok)
        ok = isms_py_int(PySequence_Fast_GET_ITEM(seq, 0), &d->damage, "damage", argnum,
                         fn) == 0
          && isms_py_int(PySequence_Fast_GET_ITEM(seq, 1), &d->reproducibility,
                         "reproducibility", argnum, fn) == 0
          && isms_py_int(PySequence_Fast_GET_ITEM(seq, 2), &d->exploitability,
                         "exploitability", argnum, fn) == 0
          && isms_py_int(PySequence_Fast_GET_ITEM(seq, 3), &d->affected_users,
                         "affected users", argnum, fn) == 0
          && isms_py_int(PySequence_Fast_GET_ITEM(seq, 4), &d->discoverability,
                         "discoverability", argnum, fn) == 0;
    if (ok && n == 7)
        ok = isms_py_number(PySequence_Fast_GET_ITEM(seq, 5), &d->mean, "mean", argnum,
                            fn) == 0
          && isms_py_number(PySequence_Fast_GET_ITEM(seq, 6), &d->normalized, "normalized",
                            argnum, fn) == 0;
    Py_DECREF(seq);
    return ok ? 0 : -1;
}

/* ---- quantitative risk ---------------------------------------------------------------- */
static PyObject *isms_py_dist_obj(const isms_dist *d)
{
    return Py_BuildValue("(iidddddddd)", (int)d->kind, (int)d->method, d->value, d->low,
                         d->mode, d->high, d->gamma, d->mean, d->sd, d->rate);
}

/* A distribution from the tuple isms_py_dist_obj() makes. It is not checked here: the C
 * functions check it and name the parameter that is wrong. */
static int isms_py_dist_from(PyObject *o, isms_dist *d, int argnum, const char *fn)
{
    memset(d, 0, sizeof *d);
    PyObject *seq = PySequence_Fast(o, "a distribution must be a tuple (kind, method, value, "
                                       "low, mode, high, gamma, mean, sd, rate)");
    if (!seq)
        return -1;
    int ok = PySequence_Fast_GET_SIZE(seq) == 10;
    if (!ok)
        PyErr_Format(PyExc_ValueError, "argument %d of %s: a distribution has 10 parts, not "
                     "%zd", argnum, fn, PySequence_Fast_GET_SIZE(seq));
    int kind = 0, method = 0;
    double *fields[8] = { &d->value, &d->low, &d->mode, &d->high, &d->gamma, &d->mean, &d->sd,
                          &d->rate };
    static const char *const names[8] = { "value", "low", "mode", "high", "gamma", "mean",
                                           "sd", "rate" };
    if (ok)
        ok = isms_py_int(PySequence_Fast_GET_ITEM(seq, 0), &kind, "kind", argnum, fn) == 0
          && isms_py_int(PySequence_Fast_GET_ITEM(seq, 1), &method, "method", argnum, fn) == 0;
    for (Py_ssize_t i = 0; ok && i < 8; i++)
        ok = isms_py_number(PySequence_Fast_GET_ITEM(seq, i + 2), fields[i], names[i], argnum,
                            fn) == 0;
    Py_DECREF(seq);
    d->kind = (isms_dist_kind)kind;
    d->method = (isms_pert_method)method;
    return ok ? 0 : -1;
}

/* Options from (iterations, seed, threads, keep_samples). */
static int isms_py_sim_options_from(PyObject *o, isms_sim_options *opts, int argnum,
                                    const char *fn)
{
    isms_sim_options_init(opts);
    PyObject *seq = PySequence_Fast(o, "simulation options must be a tuple (iterations, seed, "
                                       "threads, keep_samples)");
    if (!seq)
        return -1;
    int ok = PySequence_Fast_GET_SIZE(seq) == 4;
    if (!ok)
        PyErr_Format(PyExc_ValueError, "argument %d of %s: simulation options have 4 parts, "
                     "not %zd", argnum, fn, PySequence_Fast_GET_SIZE(seq));
    if (ok) {
        size_t it = PyLong_AsSize_t(PySequence_Fast_GET_ITEM(seq, 0));
        ok = !(it == (size_t)-1 && PyErr_Occurred());
        opts->iterations = it;
    }
    if (ok) {
        unsigned long long seed = PyLong_AsUnsignedLongLong(PySequence_Fast_GET_ITEM(seq, 1));
        ok = !(seed == (unsigned long long)-1 && PyErr_Occurred());
        opts->seed = (uint64_t)seed;
    }
    if (ok) {
        unsigned long threads = PyLong_AsUnsignedLong(PySequence_Fast_GET_ITEM(seq, 2));
        ok = !(threads == (unsigned long)-1 && PyErr_Occurred());
        opts->threads = threads > UINT_MAX ? UINT_MAX : (unsigned)threads;
    }
    if (ok) {
        int truth = PyObject_IsTrue(PySequence_Fast_GET_ITEM(seq, 3));
        ok = truth >= 0;
        opts->keep_samples = truth > 0;
    }
    Py_DECREF(seq);
    return ok ? 0 : -1;
}

/* ---- the samples of a simulation as a read-only buffer ---------------------------------
 * An object that exports the C array of one series of a simulation through the buffer
 * protocol (format "d", one dimension) and holds a reference to the Python object that owns
 * the simulation, so that the array lives as long as any memoryview or numpy array made
 * from it. */
typedef struct isms_py_samples_object {
    PyObject_HEAD
    PyObject *owner;
    const double *data;
    Py_ssize_t n;
    Py_ssize_t itemsize;
} isms_py_samples_object;

static int isms_py_samples_getbuffer(PyObject *self, Py_buffer *view, int flags)
{
    isms_py_samples_object *s = (isms_py_samples_object *)self;
    if (flags & PyBUF_WRITABLE) {
        PyErr_SetString(PyExc_BufferError, "the samples of a simulation are read-only");
        view->obj = NULL;
        return -1;
    }
    view->buf = (void *)s->data;
    view->obj = self;
    Py_INCREF(self);
    view->len = s->n * s->itemsize;
    view->readonly = 1;
    view->itemsize = s->itemsize;
    view->format = (flags & PyBUF_FORMAT) ? (char *)"d" : NULL;
    view->ndim = 1;
    view->shape = (flags & PyBUF_ND) == PyBUF_ND ? &s->n : NULL;
    view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &s->itemsize : NULL;
    view->suboffsets = NULL;
    view->internal = NULL;
    return 0;
}

static void isms_py_samples_dealloc(PyObject *self)
{
    isms_py_samples_object *s = (isms_py_samples_object *)self;
    Py_CLEAR(s->owner);
    Py_TYPE(self)->tp_free(self);
}

static PyObject *isms_py_samples_repr(PyObject *self)
{
    return PyUnicode_FromFormat("<isms samples: %zd doubles>",
                                ((isms_py_samples_object *)self)->n);
}

static PyBufferProcs isms_py_samples_buffer = {
    .bf_getbuffer = isms_py_samples_getbuffer,
    .bf_releasebuffer = NULL,
};

static PyTypeObject isms_py_samples_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "isms._isms.Samples",
    .tp_doc = "The annual losses of one series of a simulation, as a read-only buffer of "
              "C doubles (memoryview(), numpy.frombuffer()).",
    .tp_basicsize = sizeof(isms_py_samples_object),
    .tp_itemsize = 0,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = isms_py_samples_dealloc,
    .tp_repr = isms_py_samples_repr,
    .tp_as_buffer = &isms_py_samples_buffer,
};
%}

%include "isms/version.h"
%include "isms/base.h"
%include "isms/findings.h"
%include "isms/period.h"
%include "isms/cvss.h"
%include "isms/rating.h"
%include "isms/quant.h"
%include "isms/catalog.h"
%include "isms/risk.h"
%include "isms/assess.h"
%include "isms/asset.h"
%include "isms/plan.h"
%include "isms/csv.h"
%include "isms/document.h"
%include "isms/report.h"
%include "isms/oscal.h"

/* ---- catalog lists: isms_item_map() and isms_catalog_filter() as Python lists --------- */
%inline %{
/**
 * Where an item goes in another edition: a list of (from, to, relation) with item pointers
 * (`to` None for new and removed), as isms_item_map() gives them. Never fails but for lack of
 * memory (MemoryError).
 */
PyObject *isms_py_item_map(const isms_item *item, isms_edition to)
{
    size_t n = isms_item_map(NULL, 0, item, to);
    isms_mapping *edges = calloc(n ? n : 1, sizeof *edges);
    if (!edges)
        return PyErr_NoMemory();
    size_t got = isms_item_map(edges, n, item, to);
    if (got < n)
        n = got;
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *t = Py_BuildValue("(NNi)", isms_py_item_obj(edges[i].from),
                                    isms_py_item_obj(edges[i].to), (int)edges[i].relation);
        if (!t) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, t);
    }
    free(edges);
    return list;
}

/**
 * The 2022 Annex A controls with the requested attribute values (a sequence of one bit set
 * per family, or None), in document order: a list of item pointers.
 */
PyObject *isms_py_catalog_filter(const isms_catalog *catalog, const isms_attributes *want,
                                 isms_match match)
{
    size_t n = isms_catalog_filter(NULL, 0, catalog, want, match);
    const isms_item **items = calloc(n ? n : 1, sizeof *items);
    if (!items)
        return PyErr_NoMemory();
    size_t got = isms_catalog_filter(items, n, catalog, want, match);
    if (got < n)
        n = got;
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *p = isms_py_item_obj(items[i]);
        if (!p) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, p);
    }
    free(items);
    return list;
}
%}

/* ---- bulk scoring over the buffer protocol ------------------------------------------- */
%{
/* One integer element format of the struct module syntax, resolved to size, signedness
 * and byte order. */
typedef struct isms_py_format {
    size_t size;
    int is_signed;
    int swap; /* bytes are in the non-native order */
} isms_py_format;

static int isms_py_little_endian(void)
{
    const uint16_t one = 1;
    return *(const unsigned char *)&one == 1;
}

/* Parses a buffer format such as "i", "<q", "=H", "B". Returns 0, or -1 when the format is
 * not a single integer type. */
static int isms_py_parse_format(const char *fmt, size_t itemsize, isms_py_format *out)
{
    char order = '@';
    if (!fmt)
        fmt = "B"; /* PEP 3118: no format means unsigned bytes */
    if (*fmt == '@' || *fmt == '=' || *fmt == '<' || *fmt == '>' || *fmt == '!')
        order = *fmt++;
    if (fmt[0] == '\0' || fmt[1] != '\0')
        return -1;
    char t = fmt[0];
    int native = order == '@';
    size_t size;
    int is_signed;
    switch (t) {
    case 'b': size = 1; is_signed = 1; break;
    case 'B': size = 1; is_signed = 0; break;
    case 'h': size = native ? sizeof(short) : 2; is_signed = 1; break;
    case 'H': size = native ? sizeof(unsigned short) : 2; is_signed = 0; break;
    case 'i': size = native ? sizeof(int) : 4; is_signed = 1; break;
    case 'I': size = native ? sizeof(unsigned int) : 4; is_signed = 0; break;
    case 'l': size = native ? sizeof(long) : 4; is_signed = 1; break;
    case 'L': size = native ? sizeof(unsigned long) : 4; is_signed = 0; break;
    case 'q': size = native ? sizeof(long long) : 8; is_signed = 1; break;
    case 'Q': size = native ? sizeof(unsigned long long) : 8; is_signed = 0; break;
    case 'n': if (!native) return -1; size = sizeof(Py_ssize_t); is_signed = 1; break;
    case 'N': if (!native) return -1; size = sizeof(size_t); is_signed = 0; break;
    default: return -1;
    }
    if (size != itemsize || (size != 1 && size != 2 && size != 4 && size != 8))
        return -1;
    int little = isms_py_little_endian();
    out->size = size;
    out->is_signed = is_signed;
    out->swap = (order == '<' && !little) || ((order == '>' || order == '!') && little);
    return 0;
}

/* Reads element i of a 1-D strided buffer as a 64-bit value. `*big` is set when an unsigned
 * value does not fit in int64_t (it then certainly does not fit in an int either). */
static int64_t isms_py_read(const Py_buffer *view, Py_ssize_t stride, const isms_py_format *f,
                            Py_ssize_t i, int *big)
{
    const unsigned char *p = (const unsigned char *)view->buf + i * stride;
    unsigned char b[8];
    memcpy(b, p, f->size);
    if (f->swap) {
        for (size_t k = 0; k < f->size / 2; k++) {
            unsigned char t = b[k];
            b[k] = b[f->size - 1 - k];
            b[f->size - 1 - k] = t;
        }
    }
    *big = 0;
    switch (f->size) {
    case 1: { if (f->is_signed) { int8_t v; memcpy(&v, b, 1); return v; }
              uint8_t v; memcpy(&v, b, 1); return v; }
    case 2: { if (f->is_signed) { int16_t v; memcpy(&v, b, 2); return v; }
              uint16_t v; memcpy(&v, b, 2); return v; }
    case 4: { if (f->is_signed) { int32_t v; memcpy(&v, b, 4); return v; }
              uint32_t v; memcpy(&v, b, 4); return v; }
    default: { if (f->is_signed) { int64_t v; memcpy(&v, b, 8); return v; }
               uint64_t v; memcpy(&v, b, 8);
               if (v > (uint64_t)INT64_MAX) { *big = 1; return INT64_MAX; }
               return (int64_t)v; }
    }
}

/* An input array: either the buffer itself (native contiguous int) or a converted copy. */
typedef struct isms_py_input {
    Py_buffer view;
    int held;
    Py_ssize_t n;      /* number of elements */
    Py_ssize_t stride; /* bytes from one element to the next */
    isms_py_format format;
    const int *data;  /* what the C function reads */
    int *copy;        /* owned conversion, or NULL */
} isms_py_input;

static void isms_py_input_release(isms_py_input *in)
{
    free(in->copy);
    in->copy = NULL;
    if (in->held)
        PyBuffer_Release(&in->view);
    in->held = 0;
}

/* Gets a 1-D integer buffer. Returns 0, or -1 with a Python exception set. */
static int isms_py_input_get(isms_py_input *in, PyObject *obj, const char *what)
{
    memset(in, 0, sizeof *in);
    if (PyObject_GetBuffer(obj, &in->view, PyBUF_RECORDS_RO) != 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError,
                     "%s must support the buffer protocol (array.array, numpy array, bytes, "
                     "memoryview), not %s", what, Py_TYPE(obj)->tp_name);
        return -1;
    }
    in->held = 1;
    if (in->view.ndim != 1) {
        PyErr_Format(PyExc_ValueError, "%s must be one-dimensional, not %d-dimensional",
                     what, in->view.ndim);
        isms_py_input_release(in);
        return -1;
    }
    if (in->view.itemsize <= 0) {
        PyErr_Format(PyExc_TypeError, "%s has elements of size %zd", what, in->view.itemsize);
        isms_py_input_release(in);
        return -1;
    }
    /* Some exporters (ctypes) leave shape or strides out for contiguous data. */
    in->n = in->view.shape ? in->view.shape[0] : in->view.len / in->view.itemsize;
    in->stride = in->view.strides ? in->view.strides[0] : in->view.itemsize;
    if (isms_py_parse_format(in->view.format, (size_t)in->view.itemsize, &in->format) != 0) {
        PyErr_Format(PyExc_TypeError, "%s must hold integers, not elements of format '%s'",
                     what, in->view.format ? in->view.format : "B");
        isms_py_input_release(in);
        return -1;
    }
    return 0;
}

/* Converts n elements in native byte order to ints with one typed loop per format (the
 * compiler turns the fixed-size memcpy into a plain load). Returns the index of the first
 * element that does not fit in an int, or -1. */
#define ISMS_PY_CONVERT(T, FITS)                                                         \
    do {                                                                                 \
        for (Py_ssize_t i = 0; i < n; i++) {                                             \
            T v;                                                                         \
            memcpy(&v, src + i * stride, sizeof v);                                      \
            if (!(FITS))                                                                 \
                return i;                                                                \
            dst[i] = (int)v;                                                             \
        }                                                                                \
        return -1;                                                                       \
    } while (0)

_Static_assert(sizeof(int) == 4, "libisms's Python binding assumes a 32-bit int");

static Py_ssize_t isms_py_convert_native(int *dst, const isms_py_input *in, Py_ssize_t n)
{
    const unsigned char *src = (const unsigned char *)in->view.buf;
    Py_ssize_t stride = in->stride;
    switch (in->format.size * 2 + (size_t)in->format.is_signed) {
    case 2: ISMS_PY_CONVERT(uint8_t, 1);
    case 3: ISMS_PY_CONVERT(int8_t, 1);
    case 4: ISMS_PY_CONVERT(uint16_t, 1);
    case 5: ISMS_PY_CONVERT(int16_t, 1);
    case 8: ISMS_PY_CONVERT(uint32_t, v <= (uint32_t)INT_MAX);
    case 9: ISMS_PY_CONVERT(int32_t, 1); /* int is 32 bits (asserted below) */
    case 16: ISMS_PY_CONVERT(uint64_t, v <= (uint64_t)INT_MAX);
    default: ISMS_PY_CONVERT(int64_t, v >= INT_MIN && v <= INT_MAX);
    }
}

/* The same for bytes in the other byte order (rare: explicit '<' or '>' formats). */
static Py_ssize_t isms_py_convert_swapped(int *dst, const isms_py_input *in, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        int big = 0;
        int64_t v = isms_py_read(&in->view, in->stride, &in->format, i, &big);
        if (big || v < INT_MIN || v > INT_MAX)
            return i;
        dst[i] = (int)v;
    }
    return -1;
}

/* Makes in->data point to `n` native ints: the buffer itself when it already is one,
 * otherwise a converted copy. Runs without the GIL: touches no Python object.
 * Returns 0, -1 for lack of memory, or 1 when an element does not fit in an int
 * (its index and value are stored). */
static int isms_py_input_ints(isms_py_input *in, Py_ssize_t n, Py_ssize_t *bad_index,
                              long long *bad_value, int *bad_big)
{
    const isms_py_format *f = &in->format;
    if (f->size == sizeof(int) && f->is_signed && !f->swap &&
        in->stride == (Py_ssize_t)sizeof(int) &&
        ((uintptr_t)in->view.buf % _Alignof(int)) == 0) {
        in->data = (const int *)in->view.buf;
        return 0;
    }
    in->copy = malloc((size_t)(n > 0 ? n : 1) * sizeof(int));
    if (!in->copy)
        return -1;
    Py_ssize_t bad = f->swap ? isms_py_convert_swapped(in->copy, in, n)
                             : isms_py_convert_native(in->copy, in, n);
    if (bad >= 0) {
        int big = 0;
        *bad_index = bad;
        *bad_value = (long long)isms_py_read(&in->view, in->stride, f, bad, &big);
        *bad_big = big;
        return 1;
    }
    in->data = in->copy;
    return 0;
}

/* Gets a writable, contiguous, native-int output buffer of `n` elements. */
static int isms_py_output_get(Py_buffer *view, PyObject *obj, Py_ssize_t n, const char *what)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_WRITABLE | PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) != 0)
        return -1;
    isms_py_format f;
    if (view->ndim != 1 || view->itemsize != (Py_ssize_t)sizeof(int) ||
        (view->shape ? view->shape[0] : view->len / view->itemsize) != n ||
        isms_py_parse_format(view->format, (size_t)view->itemsize, &f) != 0 ||
        f.size != sizeof(int) || !f.is_signed || f.swap ||
        ((uintptr_t)view->buf % _Alignof(int)) != 0) {
        PyErr_Format(PyExc_ValueError,
                     "%s must be a writable one-dimensional array of %zd C ints", what, n);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* Below this many elements the GIL is kept: releasing it costs more than the work. */
#define ISMS_PY_NOGIL_MIN 4096
%}

%inline %{
/**
 * Scores likelihoods[i] and consequences[i] on `matrix` into values[i] (and bands[i]).
 *
 * `likelihoods` and `consequences` are any one-dimensional buffers of integers of the same
 * length (any integer format, byte order and stride); `values` and `bands` (or None) are
 * writable contiguous buffers of that many C ints. The GIL is released while scoring
 * large arrays.
 *
 * Returns the C result code as an int (then isms_error_last() describes a failure), or a
 * tuple (code, message) for a failure found here before calling C: mismatched lengths
 * (ISMS_EINVAL) or an element that does not even fit in a C int (ISMS_ERANGE).
 * Raises TypeError/ValueError/MemoryError for unusable Python arguments.
 */
PyObject *isms_py_score_many(PyObject *values, PyObject *bands, const isms_matrix *matrix,
                             PyObject *likelihoods, PyObject *consequences)
{
    isms_py_input l, c;
    Py_buffer vout, bout;
    int have_bands = bands != NULL && bands != Py_None;
    PyObject *ret = NULL;

    if (!matrix) {
        PyErr_SetString(PyExc_ValueError, "matrix must not be NULL");
        return NULL;
    }
    if (isms_py_input_get(&l, likelihoods, "likelihoods") != 0)
        return NULL;
    if (isms_py_input_get(&c, consequences, "consequences") != 0) {
        isms_py_input_release(&l);
        return NULL;
    }
    Py_ssize_t n = l.n;
    if (c.n != n) {
        ret = Py_BuildValue("(iN)", (int)ISMS_EINVAL,
                            PyUnicode_FromFormat("likelihoods has %zd elements but "
                                                 "consequences has %zd; they must be "
                                                 "equally long", n, c.n));
        isms_py_input_release(&c);
        isms_py_input_release(&l);
        return ret;
    }
    if (isms_py_output_get(&vout, values, n, "values") != 0) {
        isms_py_input_release(&c);
        isms_py_input_release(&l);
        return NULL;
    }
    if (have_bands && isms_py_output_get(&bout, bands, n, "bands") != 0) {
        PyBuffer_Release(&vout);
        isms_py_input_release(&c);
        isms_py_input_release(&l);
        return NULL;
    }

    int rc = ISMS_OK, conv = 0;
    Py_ssize_t bad_index = 0;
    long long bad_value = 0;
    int bad_big = 0;
    const char *bad_what = "likelihood";
    int *vp = (int *)vout.buf;
    int *bp = have_bands ? (int *)bout.buf : NULL;

    /* Large arrays are converted and scored without the GIL: nothing below touches a
     * Python object, and the buffers stay exported (so locked) until released. */
    PyThreadState *unlocked = n >= ISMS_PY_NOGIL_MIN ? PyEval_SaveThread() : NULL;
    conv = isms_py_input_ints(&l, n, &bad_index, &bad_value, &bad_big);
    if (conv == 0) {
        bad_what = "consequence";
        conv = isms_py_input_ints(&c, n, &bad_index, &bad_value, &bad_big);
    }
    if (conv == 0)
        rc = isms_matrix_score_many(vp, bp, matrix, l.data, c.data, (size_t)n);
    if (unlocked)
        PyEval_RestoreThread(unlocked);

    if (conv < 0) {
        PyErr_NoMemory();
    } else if (conv > 0) {
        PyObject *msg = bad_big
            ? PyUnicode_FromFormat("element %zd: %s above 9223372036854775807 is outside "
                                   "every scale (it does not fit in a C int)",
                                   bad_index, bad_what)
            : PyUnicode_FromFormat("element %zd: %s %lld is outside every scale (it does not "
                                   "fit in a C int)", bad_index, bad_what, bad_value);
        if (msg)
            ret = Py_BuildValue("(iN)", (int)ISMS_ERANGE, msg);
    } else {
        ret = PyLong_FromLong(rc);
    }
    if (have_bands)
        PyBuffer_Release(&bout);
    PyBuffer_Release(&vout);
    isms_py_input_release(&c);
    isms_py_input_release(&l);
    return ret;
}
%}

/* Constants whose casts SWIG cannot evaluate. */
%constant size_t ISMS_PY_PORTFOLIO = ISMS_PORTFOLIO;
%constant size_t ISMS_PY_OSCAL_MAX_BYTES = ISMS_OSCAL_MAX_BYTES;
%constant size_t ISMS_PY_SIM_MAX_ITERATIONS = ISMS_SIM_MAX_ITERATIONS;

/* ---- simulation samples and distribution draws over the buffer protocol ---------------- */
%inline %{
/**
 * The samples of series `index` of `sim` (a model's index or ISMS_PORTFOLIO) as an object
 * that exports them as a read-only buffer of doubles and keeps `owner` (the Python object
 * that owns `sim`) alive. Returns the object, or the C result code as an int when
 * isms_simulation_samples() fails (then isms_error_last() describes it).
 */
PyObject *isms_py_samples(PyObject *owner, const isms_simulation *sim, size_t index)
{
    const double *data = NULL;
    size_t n = 0;
    if (!owner || !sim) {
        PyErr_SetString(PyExc_ValueError, "owner and simulation must not be NULL");
        return NULL;
    }
    int rc = isms_simulation_samples(&data, &n, sim, index);
    if (rc != ISMS_OK)
        return PyLong_FromLong(rc);
    if (n > (size_t)PY_SSIZE_T_MAX / sizeof(double))
        return PyErr_NoMemory();
    if (!(isms_py_samples_type.tp_flags & Py_TPFLAGS_READY) &&
        PyType_Ready(&isms_py_samples_type) != 0)
        return NULL;
    isms_py_samples_object *s = PyObject_New(isms_py_samples_object, &isms_py_samples_type);
    if (!s)
        return NULL;
    Py_INCREF(owner);
    s->owner = owner;
    s->data = data;
    s->n = (Py_ssize_t)n;
    s->itemsize = (Py_ssize_t)sizeof(double);
    return (PyObject *)s;
}

/**
 * Fills `out`, a writable contiguous buffer of C doubles (array('d'), a float64 numpy
 * array), with draws of `dist` (isms_dist_sample()). The GIL is released for large buffers.
 * Returns the C result code as an int.
 */
PyObject *isms_py_dist_sample(PyObject *out, const isms_dist *dist, unsigned long long seed)
{
    Py_buffer view;
    if (PyObject_GetBuffer(out, &view, PyBUF_WRITABLE | PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) != 0)
        return NULL;
    const char *fmt = view.format ? view.format : "B";
    if (*fmt == '@' || *fmt == '=' || (*fmt == '<' && isms_py_little_endian()) ||
        ((*fmt == '>' || *fmt == '!') && !isms_py_little_endian()))
        fmt++;
    /* An empty array may export a static, unaligned dummy buffer: nothing is written to it. */
    if (view.ndim != 1 || view.itemsize != (Py_ssize_t)sizeof(double) || strcmp(fmt, "d") != 0 ||
        (view.len > 0 && ((uintptr_t)view.buf % _Alignof(double)) != 0)) {
        PyErr_SetString(PyExc_ValueError, "the output must be a writable one-dimensional "
                                          "array of C doubles");
        PyBuffer_Release(&view);
        return NULL;
    }
    size_t n = (size_t)(view.len / view.itemsize);
    PyThreadState *unlocked = n >= ISMS_PY_NOGIL_MIN ? PyEval_SaveThread() : NULL;
    int rc = isms_dist_sample((double *)view.buf, n, dist, (uint64_t)seed);
    if (unlocked)
        PyEval_RestoreThread(unlocked);
    PyBuffer_Release(&view);
    return PyLong_FromLong(rc);
}
%}

/* ---- imported catalogs: one more reference ---------------------------------------------
 * A Python Catalog object owns one reference to its imported catalog and releases it with
 * isms_catalog_free(). When Python meets an imported catalog it has no object for (the
 * catalog of an assessment read from a document, or of one whose Catalog object is gone),
 * the new object takes a reference of its own (isms_catalog_ref()), so that it outlives the
 * assessment it came from. */
%inline %{
/* Takes a reference to an imported catalog (built-in catalogs: nothing) and returns it. */
const isms_catalog *isms_py_catalog_ref(const isms_catalog *catalog)
{
    return isms_catalog_ref(catalog);
}
%}

/* ---- test hook (not API) ------------------------------------------------------------- */
%{
/* From the library's internals (lib/internal.h); reachable because the extension links the
 * static library. */
void isms__alloc_fail_at(long n);
%}
%inline %{
/* Makes the n-th allocation of libisms on this thread from now on fail, and every later
 * one until called again with 0. For the binding's allocation-failure tests only. */
void isms_py_alloc_fail_at(long n)
{
    isms__alloc_fail_at(n);
}
%}
