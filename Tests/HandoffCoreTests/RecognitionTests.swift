import Testing
@testable import HandoffCore

// How titles are read (docs/FORMAT.md "Reading titles"): one test per rule, several languages,
// and the false friends that must not be taken.
@Suite struct RecognitionTests {
    func key(_ text: String) -> SectionKey? { Recognition.read(text).key }
    func rule(_ text: String) -> Recognition.Rule? { Recognition.read(text).rule }

    @Test func decorationIsIgnored() {
        let cases: [(String, SectionKey)] = [
            ("### ⚠️ **Watch Out For**", .gotchas), ("WATCH OUT FOR", .gotchas), ("`Next Steps`", .nextSteps),
            ("15. Next Steps", .nextSteps), ("3.2 Blocked", .blocked), ("Step 4: Next steps", .nextSteps),
            ("Next Steps 🚀", .nextSteps), ("~~Blockers~~ ✅", .blocked), ("✅ Completed (DONE)", .completed),
            ("Next Steps ✅ 1/4 done", .nextSteps), ("Blockers (1 open, 1 RESOLVED)", .blocked),
            ("Decisions：", .decisions), ("決定事項（重要）", .decisions), ("Gotchas (still true)", .gotchas),
        ]
        for (text, want) in cases { #expect(key(text) == want, "\(text)") }
    }

    @Test func textAfterASeparatorDoesNotChangeTheSection() {
        #expect(key("In Progress - NEEDS ATTENTION") == .inProgress)
        #expect(key("What to Do Next — v2.0 release") == .nextSteps)
        #expect(key("Completed Work (This Session)") == .completed)
        #expect(key("Gotchas: read before touching auth") == .gotchas)
        // A separator inside a word is a space, not a separator.
        #expect(key("Do not re-investigate") == .gotchas)
    }

    @Test func qualifierWordsAroundATitle() {
        let cases: [(String, SectionKey)] = [
            ("Completed This Session", .completed), ("Immediate Next Steps", .nextSteps),
            ("Decisions Already Made", .decisions), ("Architectural Decisions", .decisions),
            ("Remaining Blockers", .blocked), ("Known Gotchas", .gotchas), ("Recent Changes", .completed),
            ("Erledigt in dieser Sitzung", .completed), ("本次已完成", .completed), ("今回の決定事項", .decisions),
        ]
        for (text, want) in cases {
            #expect(key(text) == want, "\(text)")
        }
        #expect(rule("Immediate Next Steps") == .qualifier)
        #expect(rule("Erledigt in dieser Sitzung") == .language)
        #expect(rule("Next Steps") == .exactTitle)
        #expect(rule("Blockers") == .synonym)
    }

    @Test func phraseForms() {
        let cases: [(String, SectionKey)] = [
            ("What we did", .completed), ("What Was Accomplished This Session", .completed),
            ("What landed this session", .completed), ("What's next?", .nextSteps), ("What to do next", .nextSteps),
            ("Remaining tasks", .nextSteps), ("Current Focus", .inProgress), ("Traps that still hold", .gotchas),
            ("Do not re-investigate", .gotchas), ("WARNING SIGNS TO WATCH", .gotchas),
        ]
        for (text, want) in cases { #expect(key(text) == want, "\(text)") }
        #expect(rule("What we did") == .phrase)
    }

    @Test func languageTables() {
        let cases: [(String, SectionKey)] = [
            ("Nächste Schritte", .nextSteps), ("Entscheidungen", .decisions), ("Stolpersteine", .gotchas),
            ("Prochaines étapes", .nextSteps), ("Points d'attention", .gotchas), ("En cours", .inProgress),
            ("Próximos pasos", .nextSteps), ("Bloqueos", .blocked), ("Decisiones tomadas", .decisions),
            ("Próximos passos", .nextSteps), ("Em andamento", .inProgress), ("Armadilhas", .gotchas),
            ("Prossimi passi", .nextSteps), ("Decisioni prese", .decisions), ("Bloccanti", .blocked),
            ("Propers passos", .nextSteps), ("Fet", .completed), ("Paranys", .gotchas),
            ("Следующие шаги", .nextSteps), ("Подводные камни", .gotchas), ("Сделано", .completed),
            ("下一步", .nextSteps), ("已完成", .completed), ("注意事项", .gotchas), ("进行中", .inProgress),
            ("次のステップ", .nextSteps), ("完了した作業", .completed), ("ハマりどころ", .gotchas),
            ("다음 단계", .nextSteps), ("완료된 작업", .completed), ("주의사항", .gotchas), ("결정 사항", .decisions),
            ("Ce qui reste à faire", .nextSteps), ("Nächste Aufgaben", .nextSteps), ("Tarefas pendentes", .nextSteps),
            ("今後の課題", .nextSteps), ("后续", .nextSteps), ("해야 할 일", .nextSteps),
        ]
        for (text, want) in cases {
            #expect(key(text) == want, "\(text)")
            #expect(rule(text) == .language, "\(text)")
        }
        #expect(Recognition.read("Stolpersteine").language == "de")
    }

    @Test func bilingualHeadingsNameTheKeyByEitherHalf() {
        #expect(key("3. 次のステップ (Next Steps)") == .nextSteps)
        #expect(key("Nächste Schritte / Next Steps") == .nextSteps)
        #expect(key("Notas (Gotchas)") == .gotchas)
        #expect(Recognition.read("Nächste Schritte / Next Steps").keys == [.nextSteps])
    }

    @Test func falseFriendsAreNotTaken() {
        for text in ["To be decided", "Open questions", "待决定", "Pending decisions", "Open Questions / Decisions Needed",
                     "Offene Fragen", "Questions ouvertes", "Preguntas abiertas", "未決定", "미결정", "Открытые вопросы"] {
            let r = Recognition.read(text)
            #expect(r.key == nil, "\(text)")
            #expect(r.miss == .falseFriend, "\(text)")
        }
        // An overview is not work in progress.
        for text in ["Current State", "Status", "Current Status", "Overview", "Current State Summary", "Project Status"] {
            #expect(key(text) == nil, "\(text)")
            #expect(Recognition.read(text).miss == .unknown, "\(text)")
        }
        // Unless the rest of the title says it is work in progress.
        #expect(key("Current State (WIP)") == .inProgress)
        #expect(key("Status: in progress") == .inProgress)
        #expect(key("Current State — work in progress") == .inProgress)
        #expect(key("Status: done") == nil)
        #expect(key("Overview (Next Steps)") == nil)
        // A status word in parentheses names no section.
        #expect(key("Deploy pipeline (done)") == nil)
        #expect(key("Auth refactor [WIP]") == nil)
    }

    @Test func aTitleNamingTwoKeysNamesBoth() {
        #expect(Recognition.read("Blockers / Gotchas").keys == [.blocked, .gotchas])
        #expect(Recognition.read("Blocked & Gotchas").keys == [.blocked, .gotchas])
        #expect(Recognition.read("Decisions and Next Steps").keys == [.decisions, .nextSteps])
        // A part that names nothing is left out.
        #expect(Recognition.read("Gotchas & Constraints").keys == [.gotchas])
        #expect(Recognition.read("Decisions & Open Questions").keys == [.decisions])
    }

    @Test func theFirstNamedKeyOwnsASharedSectionAndTheOtherPointsToIt() throws {
        let doc = HandoffDocument("# H\n\n## Blockers / Gotchas\n\n- CI is red, waiting on @ops\n- the cache lies\n\n## Next\n\n1. x\n")
        let blocked = try #require(doc.section(.blocked))
        let gotchas = try #require(doc.section(.gotchas))
        #expect(blocked.heading.line == 3 && gotchas.heading.line == 3)
        #expect(blocked.sharedFrom == nil && gotchas.sharedFrom == .blocked)
        #expect(gotchas.items.count == 2)
        // Checked once, as the owner's: no empty or missing Gotchas.
        #expect(!doc.problems().contains { $0.key == .gotchas })
    }

    @Test func theMappingFileDecidesFirst() {
        let mapping = SectionMapping(parsing: """
            # this repository's names
            "Cluster State" = in_progress
            "Status" = none   # an overview
            "Known Issues" = none
            "Bad line"
            "Other" = nowhere
            """)
        #expect(mapping.entries.count == 3)
        #expect(mapping.errors.map(\.line) == [5, 6])
        #expect(Recognition.read("## 🚧 Cluster State:", mapping: mapping).key == .inProgress)
        #expect(Recognition.read("Cluster State", mapping: mapping).rule == .mapping)
        #expect(Recognition.read("Known issues", mapping: mapping).miss == .mappedToNone)
        #expect(Recognition.read("Known issues").key == .gotchas)
        let doc = HandoffDocument("# H\n\n## Cluster State\n\n- node 3 draining (`k8s/node3.yaml`)\n", mapping: mapping)
        #expect(doc.section(.inProgress)?.heading.line == 3)
        // An edit keeps the mapping: the section is still read through it.
        #expect(doc.appendingItem("x", to: .inProgress).section(.inProgress)?.heading.line == 3)
    }

    @Test func readingsExplainEveryHeadingAndLabel() {
        let doc = HandoffDocument("""
            # Handoff

            ## Current State

            ## Completed This Session

            ### Details

            ## Open questions

            **Next step:** ship it

            ## Completed
            """)
        let lines = doc.readings.map { ($0.heading.line, $0.outcome) }
        #expect(lines.count == 7)
        #expect(lines[0].1 == .title)
        #expect(lines[1].1 == .other && doc.readings[1].recognition?.miss == .unknown)
        #expect(lines[2].1 == .section(.completed, shared: []) && doc.readings[2].recognition?.rule == .qualifier)
        #expect(lines[3].1 == .inside(.completed))
        #expect(lines[4].1 == .other && doc.readings[4].recognition?.miss == .falseFriend)
        #expect(lines[5].0 == 11 && lines[5].1 == .section(.nextSteps, shared: []))
        #expect(doc.readings.last?.outcome == .duplicate(.completed, firstLine: 5))
    }
}

// Labels standing for headings (docs/FORMAT.md "Labels").
@Suite struct LabelTests {
    func text(_ doc: HandoffDocument) -> String { String(decoding: doc.bytes, as: UTF8.self) }

    @Test func boldLabelLinesOpenSections() throws {
        let doc = HandoffDocument("""
            # Handoff

            **Completed:**
            - a
            - b

            **Next Steps**

            1. c

            Closing words.
            """)
        let done = try #require(doc.section(.completed))
        #expect(done.heading.line == 3 && done.heading.form == .label && done.items.count == 2)
        let next = try #require(doc.section(.nextSteps))
        #expect(next.heading.line == 7 && next.items.count == 1)
        // A paragraph after the list ends the section.
        #expect(doc.body(of: .nextSteps) == "1. c")
    }

    @Test func capsLabelLinesOpenSections() throws {
        let doc = HandoffDocument("NEXT STEPS:\n1. deploy\n2. verify\n\nGOTCHAS\n- the cache\n\nNOTE: THIS IS LOUD\n")
        #expect(doc.section(.nextSteps)?.heading.line == 1)
        #expect(doc.section(.nextSteps)?.items.count == 2)
        #expect(doc.section(.gotchas)?.heading.line == 5)
    }

    @Test func anEmojiMayComeBeforeABoldLabel() {
        let doc = HandoffDocument("✅ **Completed:**\n- a\n\n🚧 **In progress:** the importer (`src/import.ts:9`)\n\n⚠️ **Gotchas**\n- b\n")
        #expect(doc.section(.completed)?.heading.line == 1)
        #expect(doc.section(.inProgress)?.heading.form == .inlineLabel)
        #expect(doc.section(.gotchas)?.heading.line == 6)
        #expect(HandoffDocument("- ⛔ **Blocked:** on @ops\n").section(.blocked)?.heading.form == .itemLabel)
    }

    @Test func aLabelOnItsOwnLineOwnsTheBlockAfterIt() {
        let doc = HandoffDocument("**Completed:**\n\nRewrote the parser.\n\n- and a list\n\nUnrelated paragraph.\n")
        #expect(doc.body(of: .completed) == "Rewrote the parser.\n\n- and a list")
    }

    @Test func boldLabelsOpeningAParagraphOrAnItem() throws {
        let doc = HandoffDocument("""
            **Status:** fine
            **Next step:** deploy v0.2.4

            - **Blockers:** none
            - **Completed:**
              - migrated the DB
              - fixed login
            - **Decisions:** Postgres, because of JSONB
            """)
        let next = try #require(doc.section(.nextSteps))
        #expect(next.heading.line == 2 && next.heading.form == .inlineLabel)
        #expect(doc.body(of: .nextSteps) == "**Next step:** deploy v0.2.4")
        let blocked = try #require(doc.section(.blocked))
        #expect(blocked.heading.line == 4 && blocked.heading.form == .itemLabel && blocked.items.isEmpty)
        let done = try #require(doc.section(.completed))
        #expect(done.heading.line == 5 && done.items.map(\.depth) == [0, 0])
        #expect(doc.section(.decisions)?.heading.line == 8)
    }

    @Test func labelsInsideSectionsOrListsOrQuotesAreContent() {
        let inside = HandoffDocument("## Completed\n\n**Next steps:** a note inside Completed\n")
        #expect(inside.section(.nextSteps) == nil)
        #expect(inside.readings.last?.outcome == .inside(.completed))
        let nested = HandoffDocument("""
            > **Blockers:** quoted

            ```
            **Gotchas:**
            ```

            - item
              **Next steps:** a paragraph in the item
              - **Decisions:** a nested item
            """)
        #expect(nested.sections.allSatisfy { $0 == nil })
    }

    @Test func aTableOfContentsIsNotTheSections() {
        let doc = HandoffDocument("""
            # Handoff

            - **[Completed](#completed)**
            - [Next Steps](#next-steps)

            ## Notes
            """)
        #expect(doc.sections.allSatisfy { $0 == nil })
    }

    @Test func aHeadingWinsOverALabelForTheSameKey() {
        let doc = HandoffDocument("**Next step:** deploy\n\n## Next Steps\n\n1. deploy\n2. verify\n")
        #expect(doc.section(.nextSteps)?.heading.line == 3)
        #expect(doc.readings.first?.outcome == .superseded(.nextSteps, headingLine: 3))
    }

    @Test func addingUnderALabelKeepsTheFileForm() {
        let original = "# H\n\n**Completed:**\n- a\n\n**Next Steps:**\n1. b\n"
        let doc = HandoffDocument(original).appendingItem("c", to: .completed)
        #expect(text(doc) == "# H\n\n**Completed:**\n- a\n- c\n\n**Next Steps:**\n1. b\n")
        #expect(doc.section(.completed)?.items.count == 2)
        let item = HandoffDocument("- **Blockers:** none\n- **Next:** x\n").appendingItem("CI red, waiting on @ops", to: .blocked)
        #expect(text(item) == "- **Blockers:** none\n  - CI red, waiting on @ops\n- **Next:** x\n")
        #expect(item.section(.blocked)?.items.count == 1)
    }

    @Test func aListPutUnderALabelDoesNotTakeInTheIndentedBlockAfterIt() {
        // The fence after the section is indented by 3: under the new "+ plus" item it would be
        // the item's content. It loses that (insignificant) indentation instead, as a heading does.
        let original = "NEXT STEPS:\nfirst\n\n   ```\n   code\n   ```\n"
        let doc = HandoffDocument(original)
        #expect(doc.body(of: .nextSteps) == "first")
        let edited = doc.replacingBody(of: .nextSteps, with: "+ plus")
        #expect(edited.body(of: .nextSteps) == "+ plus")
        #expect(text(edited) == "NEXT STEPS:\n+ plus\n\n```\n   code\n   ```\n")
    }

    @Test func linesWrittenUnderAnItemLabelStayInItsItem() {
        let doc = HandoffDocument("- **Blockers:** none\n- **Next:** x\n")
        let edited = doc.replacingBody(of: .blocked, with: "- **Blockers:**\n- CI red, waiting on @ops\n  - since Monday")
        #expect(text(edited) == "- **Blockers:**\n  - CI red, waiting on @ops\n  - since Monday\n- **Next:** x\n")
        #expect(edited.section(.blocked)?.items.count == 2)
        #expect(edited.body(of: .nextSteps) == "- **Next:** x")
    }

    @Test func replacingALabelsBodyChangesOnlyItsBytes() {
        let original = "**Completed:**\n- a\n\n**Next Steps:**\n1. b\n\nTail.\n"
        let doc = HandoffDocument(original).replacingBody(of: .completed, with: "- a\n- z")
        #expect(text(doc) == "**Completed:**\n- a\n- z\n\n**Next Steps:**\n1. b\n\nTail.\n")
    }

    @Test func aMissingSectionIsInsertedAsAHeadingThatTakesInNoLabel() throws {
        let original = "# H\n\n**Completed:**\n- a\n\n**Next Steps:**\n1. b\n"
        let doc = HandoffDocument(original).appendingItem("flaky test, waiting on @ci", to: .blocked)
        #expect(text(doc) == original + "\n## Blocked\n\n- flaky test, waiting on @ci\n")
        #expect(doc.section(.nextSteps)?.heading.line == 6)
        #expect(try #require(doc.section(.blocked)).isHeading)
    }

    @Test func appendedSessionsAreReportedAsRepeated() {
        let doc = HandoffDocument("# Log\n\n## Completed\n- b\n\n# Earlier\n\n## Completed\n- a\n\n**Completed:** z\n")
        #expect(doc.section(.completed)?.heading.line == 3)
        #expect(doc.duplicateSections.map(\.heading.line) == [8])
        let problem = doc.problems().first { $0.code == .duplicateSection }
        #expect(problem?.line == 8)
        #expect(problem?.message.contains("repeated from an earlier session") == true)
    }
}

// Titles from real handoffs in public repositories (read with the search tools), one per shape.
@Suite struct RealTitleTests {
    @Test func titlesSeenInTheWild() {
        let cases: [(String, SectionKey?)] = [
            ("What is done", .completed), ("External blocker — do not modify automatically", .blocked),
            ("Next session — Stage D", .nextSteps), ("Do not", .gotchas), ("Landmines (learned the hard way, all real)", .gotchas),
            ("Where things stand", nil), ("Current Task", .inProgress), ("Known pre-existing failing tests", nil),
            ("Что было исправлено 2026-06-05 (сессия 3)", .completed), ("Что ещё нужно сделать", .nextSteps),
            ("Статус", nil), ("Cosa abbiamo fatto in questa sessione", .completed), ("Stato MVP (commit 67fffb1)", nil),
            ("Pending alta priorita (ordine consigliato)", .nextSteps), ("关键修复（本轮已完成）", .completed),
            ("已知待办", .nextSteps), ("项目是什么", nil), ("현재 상태", nil), ("다음 단계 옵션", .nextSteps),
            // Templates that agents' handoff skills write.
            ("Key Decisions Made", .decisions), ("Blocked Items", .blocked), ("Task Queue", .nextSteps),
            ("What I changed", .completed), ("What I Just Did (Previous Handoff)", .completed),
            ("Exact next actions", .nextSteps), ("Context for Next Session", nil), ("Files Modified", nil),
            ("Validation Steps", nil), ("Session Summary", nil), ("Last Updated", nil),
            ("5️⃣ What's next for you", .nextSteps), ("6️⃣ Heads-up / don't get burned", .gotchas),
            ("2️⃣ Still open / WIP", .inProgress), ("TL;DR", nil), ("四、下一步计划", .nextSteps), ("三、待决定事项", nil),
        ]
        for (text, want) in cases { #expect(Recognition.read(text).key == want, "\(text)") }
    }
}
