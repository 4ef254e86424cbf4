@testable import DisclosureKit
import Foundation
import Testing

@Suite struct SignalCatalogueTests {
    @Test func idsAreUniqueAndNamedByFamily() {
        let ids = SignalCatalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for d in SignalCatalogue.all {
            #expect(d.id.hasPrefix(d.family + "."), "\(d.id)")
            #expect(["metadata", "provenance", "residue", "typography"].contains(d.family))
            #expect(!d.rationale.isEmpty && !d.falsePositives.isEmpty && !d.title.isEmpty)
        }
        #expect(SignalCatalogue.descriptor(id: "residue.self-reference")?.strength == .strong)
    }

    @Test func typographyIsWeakOnly() {
        for d in SignalCatalogue.all where d.family == "typography" { #expect(d.strength == .weak, "\(d.id)") }
    }

    @Test func everySignalIsDocumented() throws {
        let doc = try String(contentsOf: SignalSamples.repository.appendingPathComponent("docs/signals.md"), encoding: .utf8)
        for d in SignalCatalogue.all {
            #expect(doc.contains("`\(d.id)`"), "docs/signals.md does not document \(d.id)")
            #expect(doc.contains("`\(d.id)` (\(d.strength.rawValue))"), "docs/signals.md gives another strength for \(d.id)")
            #expect(doc.contains(d.rationale) && doc.contains(d.falsePositives), "docs/signals.md describes \(d.id) differently from the catalogue")
        }
        for kind in ["w3c-meta", "w3c-attribute", "ietf-header", "schema-org", "iptc", "c2pa", "written-statement", "ai-attribution"] {
            #expect(doc.contains("`\(kind)`"), "docs/signals.md does not document the declaration kind \(kind)")
        }
    }

    @Test func findingsCarryShortExcerptsAndCatalogueIds() throws {
        let long = String(repeating: "word ", count: 400)
        let evidence = SignalSamples.scan([long + "Certainly! Here is a summary of the report: " + long,
                                           "\n" + "Certainly! Here is a summary of the report: " + long,
                                           long + "As an AI language model, I cannot browse the internet. " + long,
                                           long + " 【12†source】 " + long])
        #expect(evidence.findings.count >= 3)
        for f in evidence.findings {
            #expect(f.excerpt.count <= 80, "\(f.signal): \(f.excerpt)")
            #expect(SignalCatalogue.descriptor(id: f.signal.rawValue) != nil)
            #expect(f.explanation.hasSuffix("."))
        }
    }

    @Test func findingsAreCappedPerSignal() {
        let evidence = EvidenceScanner(maxFindingsPerSignal: 3).scan(SignalSamples.input(Array(repeating: "As an AI language model, I can't.", count: 20)))
        #expect(evidence.ids.filter { $0 == "residue.self-reference" }.count == 3)
    }

    @Test func strongestFirst() {
        let evidence = SignalSamples.scan(["I hope this helps!", "As an AI language model, I cannot browse the internet."])
        #expect(evidence.ids == ["residue.self-reference", "residue.helpful-closer"])
    }
}
