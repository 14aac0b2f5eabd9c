/// The six sections of a handoff, in their canonical order.
public enum SectionKey: String, CaseIterable, Sendable, Hashable, Codable {
    case completed
    case inProgress = "in_progress"
    case blocked
    case decisions
    case nextSteps = "next_steps"
    case gotchas

    /// The title used when the tool writes the heading itself.
    public var canonicalTitle: String {
        switch self {
        case .completed: "Completed"
        case .inProgress: "In Progress"
        case .blocked: "Blocked"
        case .decisions: "Decisions"
        case .nextSteps: "Next Steps"
        case .gotchas: "Gotchas"
        }
    }

    /// Position in the canonical order, 0 to 5.
    public var index: Int { SectionKey.allCases.firstIndex(of: self)! }

    /// Names (normalized, see docs/FORMAT.md "Reading titles") that name this section.
    /// Qualifier words around them ("Immediate", "This Session") are stripped before the
    /// look-up, so they are not listed here. Keep docs/FORMAT.md in step.
    public var synonyms: [String] {
        switch self {
        case .completed:
            ["what shipped", "shipped this session", "complete", "done", "finished", "accomplished", "shipped", "landed", "completed work", "work completed",
             "work done", "what was done", "what got done", "done so far", "accomplishments", "achievements",
             "completed tasks", "changes made", "changes", "delivered", "progress made", "what works"]
        case .inProgress:
            ["doing", "in the works", "wip", "work in progress", "in flight", "ongoing", "current work", "current focus", "current task",
             "current tasks", "underway", "partially done", "partial", "in progress work", "unfinished",
             "half done", "started", "active work", "in progress tasks", "work focus", "work in flight", "active tasks",
             "tasks in progress",
             "current work focus"]
        case .blocked:
            ["stuck on", "stuck with", "hung up on", "blockers", "blocker", "blocking", "blocked on", "blocked by", "impediments", "waiting on",
             "waiting for", "blocking issues", "stuck", "blocked items", "blocked tasks"]
        case .decisions:
            ["calls made", "calls", "decided on", "choices", "decision", "decisions made", "design decisions", "decision log", "decision record", "decision records",
             "architecture decisions", "choices made", "technical decisions", "key choices", "adrs",
             "evolution of decisions"]
        case .nextSteps:
            ["next step", "next", "next up", "todo", "to do", "todos", "to dos", "next actions", "action items",
             "remaining work", "remaining", "remaining tasks", "follow ups", "follow up", "followups",
             "upcoming", "up next", "next session", "pending", "task queue", "backlog", "next priorities", "next tasks", "open tasks", "pending tasks",
             "outstanding work", "outstanding tasks"]
        case .gotchas:
            ["careful", "be careful with", "beware", "gotcha", "pitfalls", "pitfall", "caveats", "caveat", "warnings", "watch out", "watch outs",
             "watchouts", "traps", "known issues", "lessons learned", "notes for next session", "notes for the next session", "landmines",
             "footguns", "sharp edges", "dead ends", "lessons", "learnings", "constraints and gotchas"]
        }
    }

    /// Phrase forms: how people say it in a sentence ("What we did", "What's next").
    public var phrases: [String] {
        switch self {
        case .completed:
            ["what we did", "what i did", "what was accomplished", "what is done", "what i changed", "what we changed",
             "what i just did", "what we just did", "what landed", "what's done", "what was completed",
             "what got finished", "what has been done", "what's been done", "what changed", "what was built",
             "what works", "what's working", "what was fixed"]
        case .inProgress:
            ["what's in progress", "what is in progress", "where i left off", "where we left off", "left off",
             "what's in flight", "work that is in progress", "what i was working on", "what we were working on",
             "currently working on", "half finished"]
        case .blocked:
            ["what's blocked", "what is blocked", "what's blocking", "blocked waiting", "what we're waiting on",
             "waiting on others"]
        case .decisions:
            ["what we decided", "what was decided", "decisions and rationale", "why we chose", "choices and why",
             "decisions we made", "decided"]
        case .nextSteps:
            ["what's next", "whats next", "what to do next", "what comes next", "where to pick up", "where to start",
             "start here next", "pick up here", "what remains", "what's left", "what is left", "still to do",
             "left to do", "next session should", "for the next session", "for next session", "to do next",
             "next up for the next session", "recommended next steps", "suggested next steps",
             "what's left to build", "left to build", "what's left to do", "what remains to be done"]
        case .gotchas:
            ["watch out for", "traps that still hold", "do not re investigate", "don't re investigate",
             "dont re investigate", "warning signs to watch", "warning signs", "things to watch", "things to watch out for",
             "things to know", "what not to do", "don't do this", "do not do", "things that didn't work",
             "what didn't work", "what did not work", "be careful", "heads up", "gotchas and pitfalls",
             "things to avoid", "avoid", "don'ts", "do not", "don't", "never do", "known traps", "important notes", "watch for",
             "things that will bite you", "what will bite you", "things that bite"]
        }
    }

    /// Every key name, for `init(argument:)`: what a user types on the command line.
    private static func lookup(argument name: String) -> SectionKey? {
        SectionKey.allCases.first { $0.rawValue == name || $0.rawValue.replacingUnderscores() == name }
    }

    /// The section a heading's text names, if any (the first one, for a heading that names two).
    /// See `Recognition.read` for the rules.
    public init?(headingText: some StringProtocol) {
        guard let key = Recognition.read(headingText).key else { return nil }
        self = key
    }

    /// Accepts what a user types on the command line: the key (`in_progress`, `in-progress`),
    /// the title or any synonym.
    public init?(argument: String) {
        let spaced = argument.replacingUnderscoresAndDashes()
        guard let key = SectionKey.lookup(argument: argument.lowercased()) ?? Recognition.read(spaced).key else {
            return nil
        }
        self = key
    }
}

extension String {
    fileprivate func replacingUnderscoresAndDashes() -> String {
        String(map { $0 == "_" || $0 == "-" ? " " : $0 })
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
