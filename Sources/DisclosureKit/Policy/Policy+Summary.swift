import Foundation

extension Policy {
    /// The policy in force, in words a person can read (`disclose policy show`): who it is
    /// for, the tools with their purposes, users, data classes and DPIA, the tasks, the
    /// approved exceptions, what is banned, and whom to contact. Each entry cites its line.
    public var summary: String {
        let versioned = id + (version.map { " version \($0)" } ?? "")
        var out = (name.map { "\($0) (\(versioned))" } ?? versioned) + "\n"
        out += "  file:          \(source)\n"
        if let organisation { out += "  organisation:  \(organisation)\n" }
        if let contact { out += "  contact:       \(contact)\n" }
        if !roles.isEmpty { out += "  roles:         \(roles.joined(separator: ", "))\n" }
        out += "  unlisted tools: \(unlistedTools == .fail ? "refused" : "allowed with a warning")\n"
        out += "  declarations:  \(declaration.required ? "required on every document" : "required only where a task says so"); fields \(declaration.fields.map(\.rawValue).joined(separator: ", "))\n"
        if let levels = declaration.reviewLevels { out += "  review:        \(levels.map(\.phrase).joined(separator: " or ")) after AI use\n" }

        out += "\nTools (\(tools.count)):\n"
        if tools.isEmpty { out += "  none listed\n" }
        for tool in tools {
            out += "  \(tool.name)\(tool.aliases.isEmpty ? "" : " (also \(tool.aliases.joined(separator: ", ")))")  [\(cite(tool.line))]\n"
            out += "    purposes:    \(tool.purposes.map { $0.map(\.rawValue).joined(separator: ", ") } ?? "any")\n"
            for role in tool.rolePurposes.keys.sorted() {
                let list = tool.rolePurposes[role]!.map(\.rawValue)
                out += "    for \(role):\(String(repeating: " ", count: max(1, 8 - role.count)))\(list.isEmpty ? "no purpose" : list.joined(separator: ", "))\n"
            }
            out += "    users:       \(tool.users?.joined(separator: ", ") ?? "anyone")\n"
            out += "    data:        \(tool.dataClasses.map { $0.isEmpty ? "none" : $0.map(\.rawValue).joined(separator: ", ") } ?? "not restricted")\n"
            if tool.dpia != nil || tool.approver != nil {
                out += "    DPIA:        \(tool.dpia ?? "none given")\(tool.approver.map { ", approved by \($0)" } ?? "")\n"
            }
            if let note = tool.note { out += "    note:        \(note)\n" }
        }

        if !tasks.isEmpty {
            out += "\nTasks (\(tasks.count)):\n"
            for task in tasks {
                out += "  \(task.id)\(task.title.map { ": \($0)" } ?? "")  [\(cite(task.line))]\n"
                out += "    level:       \(task.level); extent up to \(task.allowedMaxExtent.rawValue)\n"
                if let purposes = task.purposes ?? task.level.purposes {
                    out += "    purposes:    \(purposes.isEmpty ? "none" : purposes.map(\.rawValue).joined(separator: ", "))\n"
                }
                if let roles = task.roles { out += "    for:         \(roles.joined(separator: ", "))\n" }
                if let required = task.declarationRequired { out += "    declaration: \(required ? "required" : "not required")\n" }
            }
        }

        if !approvals.isEmpty {
            out += "\nApproved exceptions (\(approvals.count)):\n"
            for a in approvals {
                out += "  \(a.id), approved by \(a.approver)\(a.expires.map { ", until \(StatementRenderer.humanDate($0))" } ?? ", no expiry")  [\(cite(a.line))]\n"
                if let tools = a.tools { out += "    tools:       \(tools.joined(separator: ", "))\n" }
                if let purposes = a.purposes { out += "    purposes:    \(purposes.map(\.rawValue).joined(separator: ", "))\n" }
                if let people = a.people { out += "    people:      \(people.joined(separator: ", "))\n" }
                if let tasks = a.tasks { out += "    tasks:       \(tasks.joined(separator: ", "))\n" }
                if let note = a.note { out += "    note:        \(note)\n" }
            }
        }

        if !banned.isEmpty {
            out += "\nNever allowed:\n"
            for ban in banned {
                out += "  \(ban.purposes.map(\.rawValue).joined(separator: ", ")): \(ban.message)  [\(cite(ban.line))]\n"
            }
        }
        return out
    }
}
