import Foundation

/// A PDF's own digital signatures: AcroForm fields of type `/Sig` with a value (§12.7.5.5,
/// §12.8). A stamp is an incremental update, so each signature still covers the revision it
/// signed, but readers show that the document changed after signing.
extension PDFDocument: SignedPackageDetecting {
    /// Signed fields, as "signature field “Signature1”", in the order of the form's fields.
    func ownSignatureParts() throws -> [String] {
        try signedFieldNames().map { "signature field “\($0)”" }
    }

    var signaturesKeepTheirRevision: Bool { true }

    /// The full names (`parent.child`) of the signature fields that hold a signature.
    func signedFieldNames() throws -> [String] {
        guard let form = try reader.dictionary(reader.catalog()?["AcroForm"]) else { return [] }
        var names: [String] = []
        var visited: Set<PDFReference> = []
        var budget = PDFDocument.maxVisitedObjects
        // (field, inherited field type, parent's full name, depth)
        var stack: [(PDFObject, String?, String, Int)] = (try reader.resolve(form["Fields"])?.arrayValue ?? []).reversed().map { ($0, nil, "", 0) }
        while let (object, inheritedType, parentName, depth) = stack.popLast() {
            budget -= 1
            guard budget > 0, depth < 64 else { break }
            if let r = object.referenceValue, !visited.insert(r).inserted { continue }
            guard let field = try reader.dictionary(object) else { continue }
            let partial = try reader.resolve(field["T"])?.textValue
            let name = [parentName, partial ?? ""].filter { !$0.isEmpty }.joined(separator: ".")
            let type = field["FT"]?.nameValue ?? inheritedType
            if type == "Sig", let value = try reader.resolve(field["V"]), value != .null {
                names.append(name.isEmpty ? "(unnamed)" : name)
            }
            for kid in (try reader.resolve(field["Kids"])?.arrayValue ?? []).reversed() {
                stack.append((kid, type, name, depth + 1))
            }
        }
        return names
    }
}
