import Foundation

/// The two astronomical events the Chinese calendar is made of — new moons and the sun's longitude (the solar
/// terms) — after Jean Meeus, *Astronomical Algorithms* (2nd ed.): new moons by chapter 49 with its periodic and
/// planetary terms (a few seconds), the sun's apparent longitude by chapter 25 (about 0.01°, a quarter of an
/// hour in a term's time). Times are Julian Ephemeris Days; `beijingDay` turns them into the civil day at UTC+8,
/// the meridian the calendar is reckoned on (GB/T 33661-2017).
enum Astronomy {
    /// The Julian Ephemeris Day of new moon number `k` (k = 0: 2000-01-06).
    static func newMoon(_ k: Double) -> Double {
        let t = k / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t
        var jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4
        let e = 1 - 0.002516 * t - 0.0000074 * t2
        let m = radians(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3)
        let mm = radians(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4)
        let f = radians(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4)
        let omega = radians(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3)
        var c = -0.40720 * sin(mm) + 0.17241 * e * sin(m) + 0.01608 * sin(2 * mm) + 0.01039 * sin(2 * f)
        c += 0.00739 * e * sin(mm - m) - 0.00514 * e * sin(mm + m) + 0.00208 * e * e * sin(2 * m)
        c += -0.00111 * sin(mm - 2 * f) - 0.00057 * sin(mm + 2 * f) + 0.00056 * e * sin(2 * mm + m)
        c += -0.00042 * sin(3 * mm) + 0.00042 * e * sin(m + 2 * f) + 0.00038 * e * sin(m - 2 * f)
        c += -0.00024 * e * sin(2 * mm - m) - 0.00017 * sin(omega) - 0.00007 * sin(mm + 2 * m)
        c += 0.00004 * sin(2 * mm - 2 * f) + 0.00004 * sin(3 * m) + 0.00003 * sin(mm + m - 2 * f)
        c += 0.00003 * sin(2 * mm + 2 * f) - 0.00003 * sin(mm + m + 2 * f) + 0.00003 * sin(mm - m + 2 * f)
        c += -0.00002 * sin(mm - m - 2 * f) - 0.00002 * sin(3 * mm + m) + 0.00002 * sin(4 * mm)
        let planetary: [(Double, Double, Double)] = [
            (299.77, 0.107408, 0.000325), (251.88, 0.016321, 0.000165), (251.83, 26.651886, 0.000164),
            (349.42, 36.412478, 0.000126), (84.66, 18.206239, 0.000110), (141.74, 53.303771, 0.000062),
            (207.14, 2.453732, 0.000060), (154.84, 7.306860, 0.000056), (34.52, 27.261239, 0.000047),
            (207.19, 0.121824, 0.000042), (291.34, 1.844379, 0.000040), (161.72, 24.198154, 0.000037),
            (239.56, 25.513099, 0.000035), (331.55, 3.592518, 0.000023),
        ]
        for (index, (base, rate, amplitude)) in planetary.enumerated() {
            let argument = base + rate * k - (index == 0 ? 0.009173 * t2 : 0)
            c += amplitude * sin(radians(argument))
        }
        jde += c
        return jde
    }

    /// The sun's apparent geocentric longitude in degrees (0 ..< 360) at Julian Ephemeris Day `jde`.
    static func solarLongitude(_ jde: Double) -> Double {
        let t = (jde - 2451545.0) / 36525
        let l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
        let m = radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t)
        let c =
            (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin(m) + (0.019993 - 0.000101 * t) * sin(2 * m) + 0.000289
            * sin(3 * m)
        let omega = radians(125.04 - 1934.136 * t)
        return normalized(l0 + c - 0.00569 - 0.00478 * sin(omega))
    }

    /// The Julian Ephemeris Day, near `guess`, when the sun's apparent longitude is `degrees`.
    static func solarTerm(_ degrees: Double, near guess: Double) -> Double {
        var jde = guess
        for _ in 0..<50 {
            var delta = degrees - solarLongitude(jde)
            delta -= 360 * (delta / 360).rounded()
            let step = delta * 365.2422 / 360
            jde += step
            if abs(step) < 0.00001 { break }
        }
        return jde
    }

    /// The civil day at UTC+8 of the instant `jde` (Terrestrial Time, corrected by ΔT).
    static func beijingDay(_ jde: Double) -> LocalDate {
        let year = 2000 + (jde - 2451545.0) / 365.25
        let utc = jde - deltaT(year) / 86_400
        return LocalDate(dayNumber: Int((utc + 8.0 / 24 - 2440587.5).rounded(.down)))
    }

    /// TT − UT in seconds (Espenak & Meeus polynomials, 2005–2150).
    static func deltaT(_ year: Double) -> Double {
        if year < 2050 {
            let t = year - 2000
            return 62.92 + 0.32217 * t + 0.005589 * t * t
        }
        let u = (year - 1820) / 100
        return -20 + 32 * u * u - 0.5628 * (2150 - year)
    }

    /// An approximate Julian Ephemeris Day of a civil day's noon.
    static func julianDay(_ day: LocalDate) -> Double { Double(day.dayNumber) + 2440588.0 }

    private static func radians(_ degrees: Double) -> Double { normalized(degrees) * .pi / 180 }
    private static func normalized(_ degrees: Double) -> Double {
        let r = degrees.truncatingRemainder(dividingBy: 360)
        return r < 0 ? r + 360 : r
    }
}
