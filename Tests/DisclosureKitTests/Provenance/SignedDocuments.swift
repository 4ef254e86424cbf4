@testable import DisclosureKit
import Foundation
import Testing
import X509

/// Signed copies of the sample documents, and ways to tamper with them, for every format.
struct SignedFormat: CustomTestStringConvertible, Sendable {
    /// The fixture signed and tampered with.
    var fixture: String
    /// A second fixture of the same format, whose signature is moved into the first.
    var other: String
    /// Changes one character of the content (not of the statement or metadata).
    var changeContent: @Sendable (String) throws -> Void

    var testDescription: String { (fixture as NSString).pathExtension }

    static let all: [SignedFormat] = [
        SignedFormat(fixture: "sample/annual-report.docx", other: "docx/plain.docx") { path in
            try DOCXFixtures.rewrite(path, part: "word/document.xml") { $0.replacingOccurrences(of: "Riverside library", with: "Riverside librarY") }
        },
        SignedFormat(fixture: "sample/newsletter.md", other: "sample/pupil-essay.md") { path in
            try replaceOnce(in: path, "the November issue", "the November issuE")
        },
        SignedFormat(fixture: "sample/open-day.html", other: "html/article.html") { path in
            try replaceOnce(in: path, "tour the new labs", "tour the new labz")
        },
    ]

    static func replaceOnce(in path: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let range = text.range(of: old) else { throw TextFixtures.Mismatch(what: "\(old) not in \(path)") }
        try text.replacingCharacters(in: range, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// One signer's keys, chain and trust, plus helpers to stamp, tamper with and verify.
struct SigningSetup {
    var ca: TestPKI.Authority
    var key: PrivateSigningKey
    var leaf: Certificate
    var folder: String

    init(algorithm: SigningAlgorithm = .ed25519) throws {
        ca = try TestPKI.authority("Example University Signing CA")
        key = PrivateSigningKey.generate(algorithm)
        leaf = try TestPKI.leaf(for: key, issuer: ca)
        folder = try Samples.temporaryFolder()
    }

    func signer(certificates: [Certificate]? = nil, key: PrivateSigningKey? = nil) throws -> KeySigner {
        try KeySigner(key: key ?? self.key, certificates: certificates ?? [leaf], now: { TestPKI.signingTime })
    }

    /// Copies `fixture` and stamps it, signed.
    func signedCopy(_ fixture: String, signer: KeySigner? = nil, name: String? = nil) throws -> String {
        let source = TextFixtures.root.appendingPathComponent(fixture).path
        let path = folder + "/" + (name ?? (fixture as NSString).lastPathComponent)
        try FileManager.default.copyItem(atPath: source, toPath: path)
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(signer: try signer ?? self.signer()))
        return path
    }

    func verify(_ path: String, trust: TrustStore? = nil, revocations: RevocationList = RevocationList(), require: Bool = false) throws -> VerificationReport {
        let check = SignatureCheck(trust: trust ?? TestPKI.trust(authorities: [ca]), revocations: revocations, requireSignature: require, now: { TestPKI.now })
        return try Verifier(additionalChecks: [check]).verify(path: path)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: folder) }

    /// The stored disclosure of a stamped file.
    static func disclosure(at path: String) throws -> Disclosure {
        let found = try DocumentLoader().open(path).findStamp()
        return try Disclosure.decode(json: found.metadata!.json!, path: path)
    }

    /// Rewrites the stored disclosure (and, when given, the visible statement) the way an editor
    /// of the file could, keeping the recorded content binding and signature as they are.
    static func tamper(_ path: String, statement: String? = nil, _ change: (inout Disclosure) throws -> Void) throws {
        var disclosure = try disclosure(at: path)
        try change(&disclosure)
        if let statement { disclosure.statement = statement }
        let document = try DocumentLoader().open(path)
        let request = StampRequest(disclosure: disclosure, statement: disclosure.statement!, json: try disclosure.canonicalJSONString(),
                                   facts: disclosure.keyFacts, placement: .end)
        try document.stamped(request).write(to: URL(fileURLWithPath: path))
    }
}

extension VerificationReport {
    func check(_ id: CheckID) -> CheckResult? { checks.first { $0.id == id } }
    var failedIDs: [CheckID] { checks.filter { $0.status == .fail }.map(\.id) }
}
