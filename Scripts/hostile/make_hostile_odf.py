"""OpenDocument cases for the hostile corpus (called by make_hostile.py): packages whose
content.xml attacks the reader (entity expansion, external entities, deep nesting, a zip bomb),
encrypted, hollow or mislabelled packages. Each must be refused with exit code 3 and a message
naming the file and the problem."""
import os
import zipfile

STAMP = (2026, 1, 1, 0, 0, 0)
DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"')
MIME = {"odt": "application/vnd.oasis.opendocument.text", "odp": "application/vnd.oasis.opendocument.presentation"}
BODY = {"odt": ("<office:text>", "</office:text>"), "odp": ('<office:presentation><draw:page draw:name="p1">', "</draw:page></office:presentation>")}


def package(path, kind, content, extra=(), manifest_extra="", mimetype=None, stored=False):
    mimetype = mimetype or MIME[kind]
    manifest = (DECL + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>{manifest_extra}</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        info = zipfile.ZipInfo("mimetype", STAMP)
        z.writestr(info, mimetype)
        for name, data in ([("content.xml", content)] if content is not None else []) + list(extra) + [("META-INF/manifest.xml", manifest)]:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_STORED if stored and name == "content.xml" else zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode() if isinstance(data, str) else data)


def document(kind, inner, prolog=""):
    start, end = BODY[kind]
    return DECL + prolog + f"<office:document-content {NS}><office:body>{start}<text:p>{inner}</text:p>{end}</office:body></office:document-content>"


def cases(out, case):
    p = lambda name: os.path.join(out, name)
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + "]>"
    for kind in ("odt", "odp"):
        package(p(f"billion-laughs.{kind}"), kind, document(kind, "&lol9;", laughs))
        case(f"billion-laughs.{kind}", f"{kind}: billion laughs in content.xml", "refuse:3:document type (DTD)")
        package(p(f"external-entity.{kind}"), kind, document(kind, "&xxe;", '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'))
        case(f"external-entity.{kind}", f"{kind}: external entity (XXE) in content.xml", "refuse:3:document type (DTD)")
        depth = 200_000
        # Stored, so the nesting limit (not the compression-ratio check) is what refuses it.
        package(p(f"deep-nesting.{kind}"), kind, document(kind, "<text:span>" * depth + "</text:span>" * depth), stored=True)
        case(f"deep-nesting.{kind}", f"{kind}: 200,000 nested elements in content.xml", "refuse:3:nested more than")
        package(p(f"zip-bomb.{kind}"), kind, document(kind, " " * (64 << 20)))
        case(f"zip-bomb.{kind}", f"{kind}: content.xml inflating 64 MB from a few KB", "refuse:3:zip bombs")
    encryption = ('<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
                  '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
                  '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
                  '</manifest:encryption-data></manifest:file-entry>')
    package(p("encrypted.odt"), "odt", bytes(range(256)) * 8, manifest_extra=encryption)
    case("encrypted.odt", "odt: encrypted with a password (manifest:encryption-data)", "refuse:3:encrypted or password-protected")
    package(p("no-content.odp"), "odp", None)
    case("no-content.odp", "odp: a package with no content.xml", "refuse:3:no content.xml")
    package(p("spreadsheet.odt"), "odt", document("odt", "Cells."), mimetype="application/vnd.oasis.opendocument.spreadsheet")
    case("spreadsheet.odt", "odt: an OpenDocument spreadsheet named .odt", "refuse:3:OpenDocument spreadsheet")
    package(p("slides-missing.odp"), "odp", DECL + f"<office:document-content {NS}><office:body><office:text/></office:body></office:document-content>")
    case("slides-missing.odp", "odp: content.xml with no office:presentation body", "refuse:3:no office:presentation body")
