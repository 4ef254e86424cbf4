@testable import DisclosureKit
import Foundation
import Testing

/// Form fields whose appearance the viewer builds (`/NeedAppearances true`, or no `/AP`): their
/// values are read as the viewer draws them, as libreoffice-form.pdf of the corpus needs.
@Suite struct PDFFormFieldTextTests {
    /// A page with a label and the widgets `widgets` (PDF syntax, `%AP%` replaced by an empty
    /// appearance stream), in a document whose form has `/NeedAppearances needAppearances`.
    private func text(needAppearances: Bool?, _ widgets: [String]) throws -> [String] {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        let empty = samples.stream("<< /Subtype /Form /BBox [0 0 100 20] >>", "/Tx BMC EMC")
        let refs = widgets.map { samples.add($0.replacingOccurrences(of: "%AP%", with: "/AP << /N \(empty.number) 0 R >>")) }
        let annots = refs.map { "\($0.number) 0 R" }.joined(separator: " ")
        let page = samples.page("BT /F1 10 Tf 72 700 Td (Name:) Tj ET", font: font, extra: "/Annots [\(annots)]")
        if let needAppearances, let root = samples.table.trailer["Root"]?.referenceValue {
            let fields = samples.add("[\(annots)]")
            let catalog = samples.table.objects[root]?.dictionaryValue.map { "<< /Type /Catalog /Pages \($0["Pages"]!.referenceValue!.number) 0 R" } ?? "<<"
            samples.table.objects[root] = PDFTextSamples.object("\(catalog) /AcroForm << /Fields \(fields.number) 0 R /NeedAppearances \(needAppearances) >> >>")
        }
        return try samples.text(page).paragraphs
    }

    @Test func needAppearancesDrawsTextFieldValuesOverEmptyAppearances() throws {
        let widgets = [
            "<< /Type /Annot /Subtype /Widget /FT /Tx /T (First) /V <FEFF0041006C006900630065> /DA (0 g /F3 11 Tf) /Rect [120 690 200 710] %AP% >>",
            "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Empty) /V () /DA (/F3 11 Tf) /Rect [120 600 200 620] %AP% >>",
            "<< /Type /Annot /Subtype /Widget /FT /Tx /Ff 8192 /T (Secret) /V (hunter2) /Rect [120 500 200 520] %AP% >>",
            "<< /Type /Annot /Subtype /Widget /FT /Btn /T (Box) /V /Yes /Rect [120 400 200 420] %AP% >>",
        ]
        // The value on the label's baseline joins its line; the password and the check box show nothing.
        #expect(try text(needAppearances: true, widgets) == ["Name: Alice"])
        // Without the flag the (empty) appearance streams are what a viewer shows.
        #expect(try text(needAppearances: false, widgets) == ["Name:"])
        #expect(try text(needAppearances: nil, widgets) == ["Name:"])
    }

    @Test func aWidgetWithoutAppearanceShowsItsValueAndInheritsFromItsField() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        let parent = samples.add("<< /FT /Tx /T (Notes) /V (first line\\rsecond line) /DA (/Helv 0 Tf 0 g) >>")
        let widget = samples.add("<< /Type /Annot /Subtype /Widget /Parent \(parent.number) 0 R /Rect [72 560 300 600] >>")
        let combo = samples.add("<< /Type /Annot /Subtype /Widget /FT /Ch /Ff 131072 /V (France) /DA (/Helv 10 Tf) /Rect [72 400 200 420] >>")
        let list = samples.add("<< /Type /Annot /Subtype /Widget /FT /Ch /V (Spain) /DA (/Helv 10 Tf) /Rect [72 300 200 320] >>")
        let page = samples.page("BT /F1 10 Tf 72 700 Td (Form) Tj ET", font: font,
                                extra: "/Annots [\(widget.number) 0 R \(combo.number) 0 R \(list.number) 0 R]")
        // Auto-sized (0 Tf): 12 points; two lines from the top. A list box's value is not drawn as text.
        #expect(try samples.text(page).paragraphs == ["Form", "first line second line", "France"])
    }

    @Test func theDefaultAppearanceGivesTheSize() {
        #expect(PDFFormFieldText.fontSize("0.298 0.298 0.298 rg /F3 11 Tf") == 11)
        #expect(PDFFormFieldText.fontSize("/Helv 0 Tf 0 g") == 0)
        #expect(PDFFormFieldText.fontSize("0 g") == 0)
        #expect(PDFFormFieldText.fontSize("/Helv -3 Tf") == 0)
    }
}
