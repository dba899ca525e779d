import DocketKiosk

/// Performs the kiosk's effects that need the world (the node, the payment service) off the terminal's thread.
/// Answers arrive through `reply`, from any thread, in the order the effects were given.
public protocol KioskServices: AnyObject {
    func perform(_ effect: KioskEffect, reply: @escaping @Sendable (KioskEffectResult) -> Void)
}
