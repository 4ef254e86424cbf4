import Foundation

/// Verifies documents: statement and metadata present and in agreement, content
/// unchanged since stamping, statement visible, then any added checks (signature,
/// policy). Never switches on the format.
public struct Verifier: Sendable {
    /// Reads and opens documents.
    public var loader: DocumentLoader
    /// Checks run after the built-in ones (signatures, policy rules).
    public var additionalChecks: [any VerificationCheck]

    /// Creates a verifier.
    public init(loader: DocumentLoader = DocumentLoader(), additionalChecks: [any VerificationCheck] = []) {
        self.loader = loader
        self.additionalChecks = additionalChecks
    }

    /// Verifies the file at `path`.
    /// - Throws: ``DisclosureError`` when the file cannot be read at all.
    public func verify(path: String) throws -> VerificationReport {
        let data = try loader.readBytes(at: path)
        let document = try loader.handler(for: path, data: data).open(DocumentInput(data: data, path: path, limits: loader.limits))
        return try verify(document: document, path: path, raw: data)
    }

    /// Verifies an opened document.
    /// - Parameters:
    ///   - raw: the file's bytes, when at hand, for checks that scan the document (the policy's, for written declarations).
    ///   - declarations: declarations made another way, when the caller already scanned for them.
    public func verify(document: any OpenedDocument, path: String, raw: Data? = nil, declarations: [Declaration]? = nil) throws -> VerificationReport {
        let found = try document.findStamp()
        var checks: [CheckResult] = []
        var disclosure: Disclosure?

        if let statement = found.statement {
            checks.append(statement.markersLost
                ? .init(id: CheckID.statementPresent, status: .warn,
                        message: "statement found at \(statement.location), recognised by its text and the marks that remained: the program that last saved the file removed the markers Disclose put on it; stamping again restores them",
                        location: statement.location)
                : .init(id: CheckID.statementPresent, status: .pass, message: "statement found at \(statement.location)", location: statement.location))
        } else {
            checks.append(.init(id: CheckID.statementPresent, status: .fail, message: "no visible disclosure statement from Disclose was found; the document's author can add one by stamping it"))
        }
        if let metadata = found.metadata {
            checks.append(.init(id: CheckID.metadataPresent, status: .pass, message: "metadata found at \(metadata.location)", location: metadata.location))
            if let json = metadata.json {
                do {
                    let decoded = try Disclosure.decode(json: json, path: path)
                    disclosure = decoded
                    let problems = decoded.problems
                    checks.append(problems.isEmpty
                        ? .init(id: CheckID.metadataValid, status: .pass, message: "the disclosure is complete")
                        : .init(id: CheckID.metadataValid, status: .fail, message: problems.joined(separator: "; "), location: metadata.location))
                } catch let error as DisclosureError {
                    checks.append(.init(id: CheckID.metadataValid, status: .fail, message: Verifier.reason(error), location: metadata.location))
                }
            } else {
                checks.append(.init(id: CheckID.metadataValid, status: .fail, message: "the whole-disclosure field is missing; only separate facts were found", location: metadata.location))
            }
        } else {
            checks.append(.init(id: CheckID.metadataPresent, status: .fail, message: "no machine-readable disclosure metadata was found"))
            checks.append(.init(id: CheckID.metadataValid, status: .notApplicable, message: "no metadata to check"))
        }

        checks.append(agreement(found: found, disclosure: disclosure))
        checks.append(try binding(document: document, disclosure: disclosure))
        checks.append(visibility(found: found))
        checks.append(found.problems.isEmpty
            ? .init(id: CheckID.structure, status: found.isEmpty ? .notApplicable : .pass, message: found.isEmpty ? "nothing stamped" : "one stamp")
            : .init(id: CheckID.structure, status: .fail, message: found.problems.joined(separator: "; ")))
        if let outcome = disclosure?.policyOutcome { checks.append(outcome.checkResult) }

        var context = VerificationContext(path: path, document: document, found: found, disclosure: disclosure, raw: raw, declarations: declarations)
        for check in additionalChecks {
            context.earlier = checks
            checks += check.run(context)
        }
        return VerificationReport(path: path, format: document.handler.id, disclosure: disclosure, found: found, checks: checks, warnings: document.warnings)
    }

    static func reason(_ error: DisclosureError) -> String {
        if case .invalidDisclosure(_, let reason) = error { return "the disclosure could not be read: \(reason)" }
        return error.description
    }

    func agreement(found: FoundStamp, disclosure: Disclosure?) -> CheckResult {
        let id = CheckID.agreement
        guard let statement = found.statement, let disclosure else {
            return .init(id: id, status: .notApplicable, message: "needs both a statement and readable metadata")
        }
        var differences: [String] = []
        let expected = disclosure.statement ?? StatementRenderer().render(disclosure)
        if CanonicalText.paragraph(statement.text) != CanonicalText.paragraph(expected) {
            differences.append("the statement's words differ from the statement recorded in the metadata")
        }
        if let metadata = found.metadata {
            var expected = disclosure.keyFacts
            expected.append(("mode", disclosure.w3cDisclosureValue))
            if let tool = disclosure.tools.first { expected.append(("model", tool.model ?? tool.name)) }
            for (key, value) in expected {
                if let stored = metadata.facts[key], CanonicalText.paragraph(stored) != CanonicalText.paragraph(value),
                   !(key == "mode" && disclosure.agreesWithW3CDisclosureValue(stored)) {
                    differences.append("the \(key) field says \"\(stored)\" but the disclosure says \"\(value)\"")
                }
            }
        }
        return differences.isEmpty
            ? .init(id: id, status: .pass, message: "statement and metadata agree")
            : .init(id: id, status: .fail, message: differences.joined(separator: "; "), location: statement.location)
    }

    func binding(document: any OpenedDocument, disclosure: Disclosure?) throws -> CheckResult {
        let id = CheckID.contentBinding
        guard let recorded = disclosure?.content else {
            return .init(id: id, status: .notApplicable, message: "no content binding recorded")
        }
        guard recorded.canonicalization == CanonicalText.name, recorded.text.algorithm == "sha-256", recorded.parts.algorithm == "sha-256" else {
            return .init(id: id, status: .warn, message: "the binding uses \(recorded.canonicalization) with \(recorded.text.algorithm), which this version cannot check")
        }
        if recorded.format != document.handler.id {
            return .init(id: id, status: .fail, message: "the disclosure was stamped on a \(recorded.format) document, not this \(document.handler.id) file; it may have been copied from another document")
        }
        switch try ContentBinder.compare(recorded, with: document) {
        case .unchanged:
            return .init(id: id, status: .pass, message: "text unchanged since stamping")
        case .partsChanged:
            return .init(id: id, status: .warn, message: "text unchanged, but formatting or other parts changed since stamping (the file was probably saved again, perhaps by another program)")
        case .textChanged(let first):
            return .init(id: id, status: .fail, message: "text changed since stamping" + (first.map { "; first difference: \($0)" } ?? ""))
        }
    }

    func visibility(found: FoundStamp) -> CheckResult {
        let id = CheckID.statementVisible
        guard let statement = found.statement else {
            return .init(id: id, status: .notApplicable, message: "no statement to check")
        }
        return statement.visibilityProblems.isEmpty
            ? .init(id: id, status: .pass, message: "the statement is visible")
            : .init(id: id, status: .fail, message: "readers may not see the statement: " + statement.visibilityProblems.joined(separator: "; "), location: statement.location)
    }
}
