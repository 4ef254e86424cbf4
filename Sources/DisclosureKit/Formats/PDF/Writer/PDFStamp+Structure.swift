import Foundation

/// The structure tree of a tagged PDF (ISO 32000-1 §14.7, §14.8): our page's heading and
/// paragraph as `/H1` and `/P` elements under the document's top element, and the parent tree
/// entry that leads from the page's marked content back to them.
extension PDFStamp {
    /// Adds `elements` (heading, paragraph) for `page`; returns the page's `/StructParents` key.
    static func addStructure(_ elements: [PDFReference], page: PDFReference, language: String, catalogRef: PDFReference,
                             catalog: inout PDFDictionary, changes: PDFChangeSet) throws -> Int {
        let rootObject = catalog["StructTreeRoot"]
        let rootRef = rootObject?.referenceValue
        var root = try changes.dictionary(rootObject) ?? PDFDictionary([("Type", .name("StructTreeRoot"))])

        // The parent: the one top element (usually /Document), else the root itself.
        var parentRef: PDFReference? = rootRef
        var topKids = try changes.list(root["K"])
        if topKids.count == 1, let only = topKids[0].referenceValue, let top = try changes.object(only).dictionaryValue, top["S"] != nil {
            parentRef = only
        }
        let key = try root["ParentTreeNextKey"]?.integerValue ?? (highestKey(root["ParentTree"], changes: changes, depth: 0).map { $0 + 1 } ?? 0)
        for (i, ref) in elements.enumerated() {
            var element = PDFDictionary([("Type", .name("StructElem")), ("S", .name(i == 0 ? "H1" : "P"))])
            if let parentRef { element["P"] = .reference(parentRef) }
            element["Pg"] = .reference(page)
            element["K"] = .integer(i)
            if !language.isEmpty { element["Lang"] = .string(PDFText.encodeTextString(language)) }
            changes.set(ref, .dictionary(element))
        }
        let added = elements.map { PDFObject.reference($0) }
        if let parentRef, parentRef != rootRef, var parent = try changes.object(parentRef).dictionaryValue {
            parent["K"] = .array(try changes.list(parent["K"]) + added)
            changes.set(parentRef, .dictionary(parent))
        } else {
            topKids += added
            root["K"] = .array(topKids)
        }
        let entry = PDFObject.array(added)
        if let tree = root["ParentTree"] {
            if let direct = try insertNumber(tree, key: key, value: entry, changes: changes, depth: 0) { root["ParentTree"] = direct }
        } else {
            root["ParentTree"] = .dictionary(PDFDictionary([("Nums", .array([.integer(key), entry]))]))
        }
        root["ParentTreeNextKey"] = .integer(key + 1)
        if let rootRef { changes.set(rootRef, .dictionary(root)) } else { catalog["StructTreeRoot"] = .dictionary(root) }
        return key
    }

    /// Removes our `elements` from their parents and `key` from the parent tree.
    static func removeStructure(_ elements: [PDFReference], key: Int?, catalogRef: PDFReference, catalog: inout PDFDictionary,
                                changes: PDFChangeSet) throws {
        guard let rootObject = catalog["StructTreeRoot"], var root = try changes.dictionary(rootObject) else { return }
        let rootRef = rootObject.referenceValue
        let ours = Set(elements)
        var rootChanged = false
        for element in elements {
            guard let parentRef = try changes.object(element).dictionaryValue?["P"]?.referenceValue else { continue }
            if parentRef == rootRef {
                if root["K"] != nil { root["K"] = .array(try changes.list(root["K"]).filter { !ours.contains($0.referenceValue ?? PDFReference(0)) }) }
                rootChanged = true
            } else if var parent = try changes.object(parentRef).dictionaryValue, parent["K"] != nil {
                parent["K"] = .array(try changes.list(parent["K"]).filter { !ours.contains($0.referenceValue ?? PDFReference(0)) })
                changes.set(parentRef, .dictionary(parent))
            }
        }
        if let key, let tree = root["ParentTree"] {
            if let direct = try removeNumber(tree, key: key, changes: changes, depth: 0) { root["ParentTree"] = direct; rootChanged = true }
        }
        if rootChanged {
            if let rootRef { changes.set(rootRef, .dictionary(root)) } else { catalog["StructTreeRoot"] = .dictionary(root) }
        }
    }

    // MARK: Number trees (§7.9.7)

    static let maxTreeDepth = 32

    /// The highest key in the number tree `node`.
    static func highestKey(_ node: PDFObject?, changes: PDFChangeSet, depth: Int) throws -> Int? {
        guard depth < maxTreeDepth, let dict = try changes.dictionary(node) else { return nil }
        var best: Int?
        if let nums = try changes.list(dict["Nums"]).nonEmpty {
            for k in stride(from: 0, to: nums.count, by: 2) { if let v = nums[k].integerValue { best = max(best ?? v, v) } }
        }
        for kid in try changes.list(dict["Kids"]) {
            if let v = try highestKey(kid, changes: changes, depth: depth + 1) { best = max(best ?? v, v) }
        }
        return best
    }

    /// Inserts `key` in the number tree `node` (in its last leaf when it has kids). An indirect
    /// node is changed in `changes` and nil returned; a direct one is returned changed.
    static func insertNumber(_ node: PDFObject, key: Int, value: PDFObject, changes: PDFChangeSet, depth: Int) throws -> PDFObject? {
        guard depth < maxTreeDepth, var dict = try changes.dictionary(node) else { return nil }
        if let kids = try changes.list(dict["Kids"]).nonEmpty, let last = kids.last {
            if let direct = try insertNumber(last, key: key, value: value, changes: changes, depth: depth + 1) {
                dict["Kids"] = .array(Array(kids.dropLast()) + [direct])
            }
        } else {
            var nums = try changes.list(dict["Nums"])
            var at = nums.count
            for k in stride(from: 0, to: nums.count, by: 2) where (nums[k].integerValue ?? Int.min) > key { at = k; break }
            nums.insert(contentsOf: [.integer(key), value], at: at)
            dict["Nums"] = .array(nums)
        }
        if let limits = dict["Limits"]?.arrayValue, limits.count == 2 {
            let low = min(limits[0].integerValue ?? key, key), high = max(limits[1].integerValue ?? key, key)
            dict["Limits"] = .array([.integer(low), .integer(high)])
        }
        if let ref = node.referenceValue { changes.set(ref, .dictionary(dict)); return nil }
        return .dictionary(dict)
    }

    /// Removes `key` from the number tree `node` wherever it is; same return as ``insertNumber``.
    static func removeNumber(_ node: PDFObject, key: Int, changes: PDFChangeSet, depth: Int) throws -> PDFObject? {
        guard depth < maxTreeDepth, var dict = try changes.dictionary(node) else { return nil }
        var changed = false
        if var nums = try changes.list(dict["Nums"]).nonEmpty {
            var k = 0
            while k + 1 < nums.count {
                if nums[k].integerValue == key { nums.removeSubrange(k...(k + 1)); changed = true } else { k += 2 }
            }
            if changed { dict["Nums"] = .array(nums) }
        }
        if var kids = try changes.list(dict["Kids"]).nonEmpty {
            for (i, kid) in kids.enumerated() {
                if let limits = try changes.dictionary(kid)?["Limits"]?.arrayValue, limits.count == 2,
                   let lo = limits[0].integerValue, let hi = limits[1].integerValue, key < lo || key > hi { continue }
                if let direct = try removeNumber(kid, key: key, changes: changes, depth: depth + 1) { kids[i] = direct; changed = true }
            }
            if changed { dict["Kids"] = .array(kids) }
        }
        if let ref = node.referenceValue {
            if changed { changes.set(ref, .dictionary(dict)) }
            return nil
        }
        return changed ? .dictionary(dict) : nil
    }
}

fileprivate extension Array {
    /// The array, or nil when empty.
    var nonEmpty: [Element]? { isEmpty ? nil : self }
}
