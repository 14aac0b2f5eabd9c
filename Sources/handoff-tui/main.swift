import HandoffCore
print(HandoffDocument("# x\n## Done\n- a").section(.completed)!.items.count)
