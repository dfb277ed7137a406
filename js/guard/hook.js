// Replacing a native method or accessor by one of the guard's. The replacement is a Proxy of the native
// with an apply trap: its name, length and toString stay the browser's, so page code that inspects them
// (feature detection, tag debuggers) sees what it would see without SmartCP.

/**
 * A function that looks like `native` and runs `call(native, self, args)` instead.
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I
 */
export function wrap(I, native, call) {
  return new I.Proxy(native, { __proto__: null, apply: call });
}

/**
 * Replaces method `name` of `target` (keeping its attributes). Returns the native, or null when there is none.
 * @param {(native: Function, self: any, args: any[]) => any} call
 */
export function hookMethod(I, target, name, call) {
  const d = target && I.getOwnPropertyDescriptor(target, name);
  if (!d || typeof d.value !== 'function') return null;
  I.defineProperty(target, name, { __proto__: null, value: wrap(I, d.value, call), writable: d.writable, enumerable: d.enumerable, configurable: true });
  return d.value;
}

/**
 * Replaces the getter and/or setter of accessor `name` of `target`. Returns the native descriptor, or null.
 * @param {{get?: (native: Function, self: any) => any, set?: (native: Function, self: any, value: any) => any}} o
 */
export function hookAccessor(I, target, name, { get, set }) {
  const d = target && I.getOwnPropertyDescriptor(target, name);
  if (!d || (!d.get && !d.set)) return null;
  I.defineProperty(target, name, {
    __proto__: null,
    get: get && d.get ? wrap(I, d.get, (native, self) => get(native, self)) : d.get,
    set: set && d.set ? wrap(I, d.set, (native, self, args) => set(native, self, args[0])) : d.set,
    enumerable: d.enumerable,
    configurable: true,
  });
  return d;
}

/**
 * Replaces constructor `name` of `win` (and its prototype's `constructor`) by one that runs
 * `construct(native, args, newTarget)` instead; subclasses and `instanceof` keep working.
 */
export function hookConstructor(I, win, name, construct) {
  const native = win[name];
  if (typeof native !== 'function') return;
  const replacement = new I.Proxy(native, { __proto__: null, construct: (target, args, newTarget) => construct(target, args, newTarget) });
  I.defineProperty(native.prototype, 'constructor', { __proto__: null, value: replacement, writable: true, configurable: true });
  I.defineProperty(win, name, { __proto__: null, value: replacement, writable: true, configurable: true, enumerable: false });
}
