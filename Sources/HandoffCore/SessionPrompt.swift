/// The start-of-session request: the handoff, then what the next session should do with it
/// before it changes any code. `show --format prompt` prints it, for pasting or piping into an
/// agent (and agent hooks put it into the agent's context).
extension HandoffDocument {
    /// `origin` says where the handoff comes from ("HANDOFF.md", "HANDOFF.md at abc1234").
    public func sessionPrompt(origin: String) -> String {
        var text = "This is the handoff from the previous session (\(origin)). It says what was done, what is in progress "
            + "and where, what is blocked, the decisions made and why, the next steps in order, and the traps to avoid.\n\n"
        text += "<handoff>\n"
        var body = String(decoding: bytes, as: UTF8.self)
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        text += body
        if !body.hasSuffix("\n") { text += "\n" }
        text += "</handoff>\n\n"
        text += """
            Before changing any code:
            1. Summarize where things stand in a few lines: what is done, what is in progress (with its files), \
            and what is blocked and on what.
            2. Name the decisions you will keep to and the gotchas you will watch for.
            3. Confirm the plan: the next steps in order, and the first one you will take. Say if anything in the \
            handoff looks out of date or unclear (a file or line that moved, a step already done), and ask before \
            going against a decision.

            """
        return text
    }
}
