#!/usr/bin/env python3
"""Builds the reference manual and fails on any Doxygen warning.

Usage: run-doxygen.py DOXYGEN DOXYFILE HTML_DIR XML_DIR WARN_LOG

The Doxyfile sets WARN_AS_ERROR = FAIL_ON_WARNINGS (doxygen then exits non-zero after a
warning) and WARN_LOGFILE = WARN_LOG. This script also fails when the log is not empty, and
it prints the warnings (they go to the log, not to the terminal). Then it reads doxygen's XML
output for two rules of the project that doxygen 1.9.4 does not check:

- every enumeration value has a comment (doxygen warns about undocumented functions, macros,
  typedefs, enumerations and struct members, but not about enumeration values);
- every documented declaration other than a struct member or an enumeration value carries
  `@since`.

What it finds is added to the log in doxygen's format. The old HTML and XML are removed first
so that no page of a removed declaration survives, and the HTML directory's time is renewed
so that ninja sees the output as up to date.
"""
import glob
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET


def text_of(element):
    """The words of a description element ('' when it is missing or empty)."""
    if element is None:
        return ''
    return ' '.join(''.join(element.itertext()).split())


def has_since(element):
    return any(s.get('kind') == 'since' for s in element.iter('simplesect'))


def where(element):
    """file:line of a compound or member, as doxygen writes it."""
    loc = element.find('location')
    if loc is None:
        return '?:0'
    return '%s:%s' % (loc.get('file', '?'), loc.get('line', '0'))


def check_xml(xml_dir):
    """Problems doxygen does not report, as warning lines."""
    problems = []
    seen = set()
    for path in sorted(glob.glob(os.path.join(xml_dir, '*.xml'))):
        if os.path.basename(path) in ('index.xml', 'Doxyfile.xml'):
            continue
        root = ET.parse(path).getroot()
        for compound in root.iter('compounddef'):
            kind = compound.get('kind')
            if kind in ('struct', 'union') and compound.get('id') not in seen:
                seen.add(compound.get('id'))
                if not has_since(compound):
                    problems.append('%s: error: %s %s has no @since'
                                    % (where(compound), kind, compound.findtext('compoundname')))
            for member in compound.iter('memberdef'):
                if member.get('id') in seen:
                    continue  # a member of a group is also listed in its file
                seen.add(member.get('id'))
                kind, name = member.get('kind'), member.findtext('name')
                documented = text_of(member.find('briefdescription')) or \
                    text_of(member.find('detaileddescription'))
                if kind in ('function', 'typedef', 'enum', 'define') and documented and \
                        not has_since(member):
                    problems.append('%s: error: %s %s has no @since' % (where(member), kind, name))
                if kind == 'enum':
                    for value in member.findall('enumvalue'):
                        if not (text_of(value.find('briefdescription')) or
                                text_of(value.find('detaileddescription'))):
                            problems.append('%s: error: enumeration value %s of %s is not '
                                            'documented' % (where(member),
                                                            value.findtext('name'), name))
    return problems


def main(argv):
    if len(argv) != 6:
        sys.stderr.write(__doc__)
        return 2
    doxygen, doxyfile, html_dir, xml_dir, warn_log = argv[1:]
    for d in (html_dir, xml_dir):
        shutil.rmtree(d, ignore_errors=True)
    if os.path.exists(warn_log):
        os.remove(warn_log)
    rc = subprocess.call([doxygen, doxyfile])
    warnings = ''
    if os.path.exists(warn_log):
        with open(warn_log, encoding='utf-8', errors='replace') as f:
            warnings = f.read()
    lines = warnings.strip().splitlines()
    if rc == 0 and not lines:
        lines = check_xml(xml_dir)
        if lines:
            with open(warn_log, 'a', encoding='utf-8') as f:
                f.write(''.join(line + '\n' for line in lines))
    if lines:
        sys.stderr.write(''.join(line + '\n' for line in lines))
        sys.stderr.write('doxygen: %d warning line(s); the reference manual must build '
                         'without warnings (see %s)\n' % (len(lines), warn_log))
        return 1
    if rc != 0:
        sys.stderr.write('doxygen failed with exit status %d\n' % rc)
        return 1
    index = os.path.join(html_dir, 'index.html')
    if not os.path.isfile(index):
        sys.stderr.write('doxygen wrote no %s\n' % index)
        return 1
    os.utime(html_dir, None)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
