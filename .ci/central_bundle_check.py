#!/usr/bin/env python3
"""Checks a Maven Central upload bundle against Central's published requirements.

The rules (central.sonatype.org/publish/requirements and /publish/publish-portal-upload):
- the bundle is the Maven repository layout: groupId path / artifactId / version / files;
- every component has its POM; one whose packaging is not pom also has its jar, -sources.jar and
  -javadoc.jar;
- every file has .md5 and .sha1 checksums (hex) that match it (signatures need none);
- with --require-signatures, every file has a .asc that gpg verifies;
- the POM names the coordinates, name, description, url, a license (name and url), a developer and
  scm (url and connection), and leaves no ${...} unresolved;
- a release is no SNAPSHOT: neither the component's version nor any version its POM names.
This project adds: exactly the expected components (--expect), so no test-only module slips in.

Usage: central_bundle_check.py BUNDLE(.zip or directory) --expect g:a:packaging ... [--require-signatures]
       central_bundle_check.py --self-test
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
CHECKSUMS = (".md5", ".sha1", ".sha256", ".sha512")
SIGNATURE = ".asc"


def _text(root, path):
    el = root.find(path, NS)
    return (el.text or "").strip() if el is not None else ""


def check_pom(path, errors):
    """Checks one POM; returns (groupId, artifactId, version, packaging)."""
    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        content = f.read()
    if "${" in content:
        errors.append(f"{name}: unresolved ${{...}}: " + ", ".join(sorted(set(re.findall(r"\$\{[^}]*\}", content)))))
    root = ET.fromstring(content)
    if root.find("m:parent", NS) is not None:
        errors.append(f"{name}: has a parent (the published POM should be flattened)")
    coords = [_text(root, "m:groupId"), _text(root, "m:artifactId"), _text(root, "m:version")]
    packaging = _text(root, "m:packaging") or "jar"
    for label, value in zip(("groupId", "artifactId", "version"), coords):
        if not value:
            errors.append(f"{name}: no {label}")
    for field in ("name", "description", "url"):
        if not _text(root, f"m:{field}"):
            errors.append(f"{name}: no <{field}>")
    licenses = root.findall("m:licenses/m:license", NS)
    if not licenses:
        errors.append(f"{name}: no <licenses><license>")
    for lic in licenses:
        if not _text(lic, "m:name") or not _text(lic, "m:url"):
            errors.append(f"{name}: a license without name or url")
    developers = root.findall("m:developers/m:developer", NS)
    if not developers:
        errors.append(f"{name}: no <developers><developer>")
    for dev in developers:
        if not (_text(dev, "m:name") or _text(dev, "m:id")):
            errors.append(f"{name}: a developer without name")
    for field in ("url", "connection"):
        if not _text(root, f"m:scm/m:{field}"):
            errors.append(f"{name}: no <scm><{field}>")
    version = coords[2]
    if version.endswith("-SNAPSHOT"):
        errors.append(f"{name}: version {version} is a SNAPSHOT: Central accepts releases only")
    for dep in root.iter("{%s}dependency" % NS["m"]):
        dep_version = _text(dep, "m:version")
        if dep_version.endswith("-SNAPSHOT"):
            errors.append(f"{name}: depends on a SNAPSHOT: {_text(dep, 'm:groupId')}:"
                          f"{_text(dep, 'm:artifactId')}:{dep_version}")
    return coords[0], coords[1], version, packaging


def _digest(path, algorithm):
    h = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def check_bundle(bundle, expected, require_signatures):
    """Returns (errors, the files of the bundle relative to its root)."""
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        if zipfile.is_zipfile(bundle):
            with zipfile.ZipFile(bundle) as z:
                z.extractall(tmp)
            root = tmp
        else:
            root = bundle
        files = sorted(os.path.relpath(os.path.join(d, f), root)
                       for d, _, fs in os.walk(root) for f in fs)
        if not files:
            return [f"{bundle}: empty"], files
        primaries = [f for f in files if not f.endswith(CHECKSUMS) and not f.endswith(SIGNATURE)]
        for f in primaries:
            path = os.path.join(root, f)
            for ext, algorithm in ((".md5", "md5"), (".sha1", "sha1")):
                if f + ext not in files:
                    errors.append(f"{f}: no {ext}")
                    continue
                with open(path + ext, encoding="ascii", errors="replace") as c:
                    words = c.read().split()
                recorded = words[0] if words else ""
                if recorded.lower() != _digest(path, algorithm):
                    errors.append(f"{f}{ext}: does not match the file")
            if require_signatures:
                if f + SIGNATURE not in files:
                    errors.append(f"{f}: no {SIGNATURE} signature")
                else:
                    verify = subprocess.run(["gpg", "--batch", "--verify", path + SIGNATURE, path],
                                            capture_output=True)
                    if verify.returncode != 0:
                        errors.append(f"{f}{SIGNATURE}: gpg does not verify it")
        if "maven-metadata.xml" in " ".join(primaries):
            errors.append("maven-metadata.xml in the bundle: Central makes its own")
        components = {}
        for f in primaries:
            parts = f.split(os.sep)
            if len(parts) < 4:
                errors.append(f"{f}: not in groupId/artifactId/version/")
                continue
            group, artifact, version = ".".join(parts[:-3]), parts[-3], parts[-2]
            if not parts[-1].startswith(f"{artifact}-{version}"):
                errors.append(f"{f}: not named {artifact}-{version}[-classifier].ext")
            components.setdefault((group, artifact, version), []).append(parts[-1])
        found = {}
        for (group, artifact, version), names in sorted(components.items()):
            base = f"{artifact}-{version}"
            key = f"{group}:{artifact}:{version}"
            if base + ".pom" not in names:
                errors.append(f"{key}: no POM")
                continue
            pom_dir = os.path.join(root, *group.split("."), artifact, version)
            g, a, v, packaging = check_pom(os.path.join(pom_dir, base + ".pom"), errors)
            if (g, a, v) != (group, artifact, version):
                errors.append(f"{key}: the POM says {g}:{a}:{v}")
            if packaging != "pom":
                for suffix in (".jar", "-sources.jar", "-javadoc.jar"):
                    if base + suffix not in names:
                        errors.append(f"{key}: no {base}{suffix}")
                    elif not zipfile.is_zipfile(os.path.join(pom_dir, base + suffix)):
                        errors.append(f"{key}: {base}{suffix} is not a jar")
            found[f"{group}:{artifact}"] = packaging
        if expected is not None:
            wanted = dict(e.rsplit(":", 1) for e in expected)
            for ga in sorted(set(found) - set(wanted)):
                errors.append(f"{ga}: in the bundle but not to be published")
            for ga in sorted(set(wanted) - set(found)):
                errors.append(f"{ga}: missing from the bundle")
            for ga in sorted(set(wanted) & set(found)):
                if wanted[ga] != found[ga]:
                    errors.append(f"{ga}: packaging {found[ga]}, expected {wanted[ga]}")
    return errors, files


# ---------------------------------------------------------------------------------------------
# Self-test: a bundle that passes, then one broken per rule, each of which must be caught.

GOOD_POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.example</groupId>
  <artifactId>{artifact}</artifactId>
  <version>{version}</version>
  <packaging>{packaging}</packaging>
  <name>{artifact}</name>
  <description>An example</description>
  <url>https://example.invalid/project</url>
  <licenses><license><name>Apache License, Version 2.0</name>
    <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license></licenses>
  <developers><developer><name>Someone</name></developer></developers>
  <scm><url>https://example.invalid/project</url>
    <connection>scm:git:https://example.invalid/project.git</connection></scm>
  <dependencies><dependency><groupId>dev.example</groupId><artifactId>other</artifactId>
    <version>{dep_version}</version></dependency></dependencies>
</project>
"""


def _write(root, artifact, version, packaging="jar", pom=None, dep_version="1.0.0"):
    d = os.path.join(root, "dev", "example", artifact, version)
    os.makedirs(d, exist_ok=True)
    names = {f"{artifact}-{version}.pom": (pom or GOOD_POM).format(
        artifact=artifact, version=version, packaging=packaging, dep_version=dep_version).encode()}
    if packaging != "pom":
        for suffix in (".jar", "-sources.jar", "-javadoc.jar"):
            path = os.path.join(d, f"{artifact}-{version}{suffix}")
            with zipfile.ZipFile(path, "w") as z:
                z.writestr("README.md", "placeholder")
            with open(path, "rb") as f:
                names[f"{artifact}-{version}{suffix}"] = f.read()
    for name, data in names.items():
        path = os.path.join(d, name)
        with open(path, "wb") as f:
            f.write(data)
        for ext, algorithm in ((".md5", "md5"), (".sha1", "sha1")):
            with open(path + ext, "w") as f:
                f.write(_digest(path, algorithm))
    return d


def self_test():
    cases = []  # (description, builder, expected error fragment)
    expect = ["dev.example:lib:jar", "dev.example:bom:pom"]

    def good(root):
        _write(root, "lib", "1.0.0")
        _write(root, "bom", "1.0.0", packaging="pom")

    def without(name):
        def build(root):
            good(root)
            os.remove(os.path.join(root, "dev", "example", "lib", "1.0.0", name))
        return build

    def pom_without(element):
        def build(root):
            pom = re.sub(rf"<{element}>.*?</{element}>", "", GOOD_POM, flags=re.S)
            _write(root, "lib", "1.0.0", pom=pom)
            _write(root, "bom", "1.0.0", packaging="pom")
        return build

    def wrong_checksum(root):
        good(root)
        with open(os.path.join(root, "dev", "example", "lib", "1.0.0", "lib-1.0.0.jar.sha1"), "w") as f:
            f.write("0" * 40)

    def unresolved(root):
        _write(root, "lib", "1.0.0", pom=GOOD_POM.replace("<name>{artifact}</name>",
                                                          "<name>${{project.artifactId}}</name>"))
        _write(root, "bom", "1.0.0", packaging="pom")

    def snapshot_dependency(root):
        _write(root, "lib", "1.0.0", dep_version="2.0.0-SNAPSHOT")
        _write(root, "bom", "1.0.0", packaging="pom")

    def snapshot_version(root):
        _write(root, "lib", "1.0.0-SNAPSHOT")
        _write(root, "bom", "1.0.0", packaging="pom")

    def extra_module(root):
        good(root)
        _write(root, "local-aws", "1.0.0")

    def metadata(root):
        good(root)
        path = os.path.join(root, "dev", "example", "lib", "maven-metadata.xml")
        with open(path, "w") as f:
            f.write("<metadata/>")
        for ext, algorithm in ((".md5", "md5"), (".sha1", "sha1")):
            with open(path + ext, "w") as f:
                f.write(_digest(path, algorithm))

    cases += [
        ("no sources jar", without("lib-1.0.0-sources.jar"), "no lib-1.0.0-sources.jar"),
        ("no javadoc jar", without("lib-1.0.0-javadoc.jar"), "no lib-1.0.0-javadoc.jar"),
        ("no jar", without("lib-1.0.0.jar"), "no lib-1.0.0.jar"),
        ("no md5", without("lib-1.0.0.pom.md5"), "no .md5"),
        ("no sha1", without("lib-1.0.0.jar.sha1"), "no .sha1"),
        ("wrong sha1", wrong_checksum, "does not match"),
        ("no name", pom_without("name"), "no <name>"),
        ("no description", pom_without("description"), "no <description>"),
        ("no url", pom_without("url"), "no <url>"),
        ("no licenses", pom_without("licenses"), "no <licenses>"),
        ("no developers", pom_without("developers"), "no <developers>"),
        ("no scm", pom_without("scm"), "no <scm><url>"),
        ("unresolved ${...}", unresolved, "unresolved"),
        ("SNAPSHOT dependency", snapshot_dependency, "depends on a SNAPSHOT"),
        ("SNAPSHOT version", snapshot_version, "is a SNAPSHOT"),
        ("test-only module", extra_module, "not to be published"),
        ("missing module", lambda root: _write(root, "lib", "1.0.0"), "missing from"),
        ("maven-metadata", metadata, "maven-metadata.xml"),
    ]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "good")
        good(root)
        errors, _ = check_bundle(root, expect, False)
        if errors:
            print(f"FAIL good bundle rejected: {errors}")
            failures += 1
        zipped = shutil.make_archive(os.path.join(tmp, "good"), "zip", root)
        errors, _ = check_bundle(zipped, expect, False)
        if errors:
            print(f"FAIL good bundle (zip) rejected: {errors}")
            failures += 1
        errors, _ = check_bundle(root, expect, True)
        if not any("no .asc signature" in e for e in errors):
            print("FAIL unsigned bundle accepted with --require-signatures")
            failures += 1
        for i, (description, build, fragment) in enumerate(cases):
            case_root = os.path.join(tmp, f"case{i}")
            build(case_root)
            errors, _ = check_bundle(case_root, expect, False)
            if not any(fragment in e for e in errors):
                print(f"FAIL {description}: not caught (errors: {errors})")
                failures += 1
    total = len(cases) + 3
    print(f"central_bundle_check self-test: {total - failures} passed, {failures} failed")
    return failures == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?")
    parser.add_argument("--expect", nargs="*", help="groupId:artifactId:packaging of each published component")
    parser.add_argument("--require-signatures", action="store_true")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return 0 if self_test() else 1
    if not args.bundle:
        parser.error("a bundle is needed")
    errors, files = check_bundle(args.bundle, args.expect, args.require_signatures)
    for f in files:
        print(f"  {f}")
    for e in errors:
        print(f"ERROR {e}")
    print(f"{args.bundle}: {len(files)} files, {'valid' if not errors else f'{len(errors)} errors'}")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
