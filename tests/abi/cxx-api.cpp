// The public headers used from C++: the umbrella header compiles under -std=c++11 and
// -std=c++17 with -Wall -Wextra -Wpedantic -Werror, and a program linked against the shared
// library calls into it. The calls only link when the declarations have C linkage; refs.cpp
// (generated) takes the address of every exported function so that none is left out.
#include <cstdio>
#include <cstring>

#include <isms.h>

#include "refs.h"

namespace {

int failures = 0;

void check(bool ok, const char *what, int line)
{
    std::printf("%s %s (line %d)\n", ok ? "ok" : "FAILED", what, line);
    if (!ok)
        ++failures;
}

#define CHECK(expr) check((expr), #expr, __LINE__)

bool same(const char *a, const char *b)
{
    return a != nullptr && b != nullptr && std::strcmp(a, b) == 0;
}

void test_version()
{
    CHECK(same(isms_version(), ISMS_VERSION_STRING));
    CHECK(isms_version_number() == static_cast<unsigned>(ISMS_VERSION_NUMBER));
}

void test_matrix()
{
    isms_matrix *matrix = nullptr;
    CHECK(isms_matrix_preset(&matrix, "4x4") == ISMS_OK);
    if (matrix == nullptr)
        return;
    CHECK(same(isms_matrix_name(matrix), "4x4"));
    CHECK(isms_matrix_formula(matrix) == ISMS_FORMULA_PRODUCT);
    CHECK(isms_matrix_level_count(matrix, ISMS_AXIS_LIKELIHOOD) == 4);

    // The public structs are filled by the C library and read here: the layouts agree.
    isms_score score = {0, -1, -1.0};
    CHECK(isms_matrix_score(&score, matrix, 3, 4) == ISMS_OK);
    CHECK(score.value == 12);
    CHECK(score.normalized > 0.73 && score.normalized < 0.74);  // (12 - 1) / 15
    isms_band band;
    std::memset(&band, 0, sizeof band);
    CHECK(isms_matrix_band(&band, matrix, static_cast<std::size_t>(score.band)) == ISMS_OK);
    CHECK(same(band.name, "very-high"));
    CHECK(band.min_value == 12 && band.max_value == 16);
    CHECK(same(band.label_sv, "Mycket hög"));

    isms_level level;
    std::memset(&level, 0, sizeof level);
    CHECK(isms_matrix_level(&level, matrix, ISMS_AXIS_CONSEQUENCE, 1) == ISMS_OK);
    CHECK(level.value == 2);
    isms_matrix_free(matrix);
}

void test_error()
{
    isms_error_clear();
    isms_matrix *matrix = nullptr;
    CHECK(isms_matrix_preset(&matrix, "6x6") == ISMS_ENOTFOUND);
    CHECK(matrix == nullptr);
    const isms_error *error = isms_error_last();
    CHECK(error != nullptr && error->code == ISMS_ENOTFOUND);
    CHECK(error != nullptr && std::strstr(error->message, "6x6") != nullptr);
    if (error != nullptr)
        std::printf("  the library says: %s\n", error->message);
    isms_error_clear();
    CHECK(isms_error_last()->code == ISMS_OK);
    const char *text = isms_strerror(ISMS_ENOMEM);
    CHECK(text != nullptr && text[0] != '\0');
}

void test_bool_and_text()
{
    // bool in C (stdbool.h) and in C++ are the same type across the call.
    CHECK(isms_text_matches("Hög", "HÖG"));
    CHECK(!isms_text_matches("Hög", "Låg"));
    isms_lang lang = ISMS_LANG_SV;
    CHECK(isms_lang_parse(&lang, "en") == ISMS_OK && lang == ISMS_LANG_EN);
}

void test_cvss()
{
    isms_cvss cvss;
    CHECK(isms_cvss_parse(&cvss, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") == ISMS_OK);
    CHECK(cvss.score > 9.79 && cvss.score < 9.81);
    CHECK(cvss.severity == ISMS_CVSS_SEVERITY_CRITICAL);
}

void test_every_function()
{
    std::size_t n = isms_cxx_function_count();
    std::size_t null = 0;
    for (std::size_t i = 0; i < n; i++)
        null += isms_cxx_function(i) == nullptr;
    std::printf("  %zu exported functions referenced\n", n);
    CHECK(n > 100 && null == 0);
}

}  // namespace

int main()
{
    test_version();
    test_matrix();
    test_error();
    test_bool_and_text();
    test_cvss();
    test_every_function();
    std::printf("C++ (%ld): %s\n", static_cast<long>(__cplusplus),
                failures == 0 ? "all checks passed" : "some checks FAILED");
    return failures == 0 ? 0 : 1;
}
