import Foundation

/// Flags a declaration that goes beyond the level of AI use its task allows
/// (`[[tasks]]`, an AI Assessment Scale level, optionally narrowed or widened by
/// `max_extent` and `purposes`): an extent above the level's highest, a purpose the
/// level does not allow, no human review at levels 3 and 4, a role the task is not for,
/// or a task the policy does not list. The task is the one the disclosure records
/// (`stamp --task`), else the one the checker expects (`policy check --task`). An approval
/// the declaration cites may lift the task's list of purposes. A written declaration is
/// checked for what its words say (AI used at all, purposes); the extent of use cannot be
/// read from words, and a partial reading gives a warning to check by eye.
public struct TaskLevel: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "task-level"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        let policy = context.policy
        guard let d = disclosure else { return checkWritten(context) }
        guard let id = context.taskID(for: d) else {
            return notApplicable(policy.tasks.isEmpty ? "the policy lists no tasks" : "the declaration records no task, so the permitted level of AI use was not checked")
        }
        if let expected = context.expectedTask, let recorded = d.policy?.task, expected != recorded {
            return fail("the declaration was made for the task \"\(recorded)\", not \"\(expected)\"")
        }
        guard let task = policy.task(id: id) else {
            let known = policy.tasks.map(\.id)
            return fail("the task \"\(id)\" is not in the policy" + (known.isEmpty ? "" : "; it lists \(known.joined(separator: ", "))"))
        }
        let cite = policy.cite(task.line)
        let name = "the task \"\(task.id)\" (\(task.level))"
        var problems: [String] = []
        var covered = ""
        let maxExtent = task.allowedMaxExtent
        if d.extent.rank > maxExtent.rank {
            problems.append(maxExtent == .none
                ? "\(name) allows no AI use, and the declared extent is \(d.extent.rawValue)"
                : "the declared extent \(d.extent.rawValue) goes beyond \(maxExtent.rawValue), the most \(name) allows")
        }
        let allowed = task.purposes ?? task.level.purposes
        if let allowed, d.extent != .none {
            var outside = d.purposes.filter { !allowed.contains($0) }.map(\.rawValue)
            if !outside.isEmpty, let approval = context.validApproval(for: d),
               d.purposes.filter({ !allowed.contains($0) }).allSatisfy(approval.covers(purpose:)) {
                covered = " (\(outside.quotedList) under the approval \(approval.citation(in: policy)))"
                outside = []
            }
            if !outside.isEmpty {
                let list = allowed.isEmpty ? "none" : allowed.map(\.rawValue).joined(separator: ", ")
                problems.append("\(name) does not allow AI for \(outside.quotedList) (allowed: \(list))")
            }
        }
        if task.level.requiresReview && d.extent != .none && d.review.level == .none {
            problems.append("\(name) expects a person to review and change AI output, and the declaration records no review")
        }
        if let roles = task.roles, let role = d.policy?.role, !roles.contains(role) {
            problems.append("the task is for \(roles.joined(separator: ", ")), and the declaration was made as \(role)")
        }
        if problems.isEmpty {
            return pass("within what \(name) allows (\(cite))\(covered)")
        }
        return fail(problems.joined(separator: "; ") + " (\(cite))")
    }

    /// What a written declaration says, held against the task the checker expects.
    func checkWritten(_ context: PolicyContext) -> [CheckResult] {
        let policy = context.policy
        guard let written = context.written else { return noDeclaration(context) }
        guard let id = context.expectedTask else {
            return notApplicable(policy.tasks.isEmpty ? "the policy lists no tasks" : "no task was given (--task), so the permitted level of AI use was not checked")
        }
        guard let task = policy.task(id: id) else { return fail("the task \"\(id)\" is not in the policy") }
        let cite = policy.cite(task.line)
        let name = "the task \"\(task.id)\" (\(task.level))"
        switch written.aiUse {
        case .none: return pass("the written declaration says no AI was used, within what \(name) allows (\(cite))")
        case .unclear: return warn("whether AI was used \(Self.checkByEye) (\(written.quoted)); \(name) allows up to \(task.allowedMaxExtent.rawValue)")
        case .used: break
        }
        var problems: [String] = []
        if task.allowedMaxExtent == .none {
            problems.append("\(name) allows no AI use, and the written declaration says AI was used")
        }
        if let allowed = task.purposes ?? task.level.purposes {
            let outside = written.mappedPurposes.filter { !allowed.contains($0) }.map(\.rawValue)
            if !outside.isEmpty {
                let list = allowed.isEmpty ? "none" : allowed.map(\.rawValue).joined(separator: ", ")
                problems.append("\(name) does not allow AI for \(outside.quotedList) (allowed: \(list))")
            }
        }
        if !problems.isEmpty { return fail(problems.joined(separator: "; ") + " (\(cite))") }
        if !written.isClear || written.purposes.isEmpty || !written.unmappedPurposes.isEmpty {
            return warn("what AI was used for \(Self.checkByEye) (\(written.quoted)); \(name) allows up to \(task.allowedMaxExtent.rawValue) (\(cite))")
        }
        return pass("the written declaration's purposes are within what \(name) allows (\(cite)); the extent of use is not stated in words")
    }
}
