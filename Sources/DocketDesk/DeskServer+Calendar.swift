import DocketCore
import DocketStore
import Foundation
import Hummingbird

/// The court's hearing calendar: one week (Monday to Sunday, Beijing time), a column per courtroom or per judge,
/// a row per day, each hearing in its cell at its time — from the hearings index, which is what scheduling checks
/// against, so the calendar shows exactly what blocks a courtroom or a judge.
extension DeskServer {
    func calendarPage(_ request: Request) async -> Response {
        let week = request.uri.queryParameters.get("week")
        let byJudge = request.uri.queryParameters.get("by") == "judge"
        return await page(request, .hearingCalendar) { visit, _ in
            let english = visit.english
            let day = try week.flatMap { $0.isEmpty ? nil : $0 }.map { text -> LocalDate in
                do { return try LocalDate(parsing: text) } catch {
                    throw DocketError(
                        .invalidInput, key: "desk.calendar-week", zh: "“\(text)”不是 YYYY-MM-DD 格式的日期。",
                        en: "\"\(text)\" is not a date written YYYY-MM-DD.")
                }
            } ?? Node.today()
            let monday = day.adding(days: 1 - day.weekday.rawValue)
            let slots = try await self.read { node in
                try node.services.hearingSlots(from: monday, to: monday.adding(days: 6))
            }
            var values = Self.calendarValues(slots, monday: monday, byJudge: byJudge, english: english)
            values["by"] = byJudge ? "judge" : "room"
            values["byJudge"] = byJudge
            values["previous"] = monday.adding(days: -7).description
            values["next"] = monday.adding(days: 7).description
            values["thisWeek"] = Node.today().description
            let title = visit.say("开庭日历", "Hearing calendar")
            return self.html(self.pages.render("calendar", values, visit: visit, title: title))
        }
    }

    /// The week as a grid: `columns` (courtrooms or judges, sorted), `days` with one cell per column.
    static func calendarValues(
        _ slots: [HearingSlot], monday: LocalDate, byJudge: Bool, english: Bool
    ) -> [String: Any] {
        let unnamed = byJudge ? (english ? "(no judge named)" : "（未指定法官）") : (english ? "online" : "在线庭审")
        func column(_ slot: HearingSlot) -> String {
            let name = byJudge ? slot.judge : (slot.mode == .online ? nil : slot.place)
            return name.flatMap { $0.isEmpty ? nil : $0 } ?? unnamed
        }
        let columns = Set(slots.map(column)).sorted()
        let days = (0..<7).map { offset -> [String: Any] in
            let date = monday.adding(days: offset)
            let cells = columns.map { name -> [String: Any] in
                let here = slots.filter { $0.startsAt.date == date && column($0) == name }.sorted {
                    $0.startsAt < $1.startsAt
                }
                return [
                    "column": name, "day": date.description,
                    "hearings": here.map { slot -> [String: String] in
                        [
                            "uid": slot.caseUID, "from": slot.startsAt.clock, "until": slot.endsAt.clock,
                            "case": slot.caseNumber ?? DeskFormat.filingNumber(slot.caseUID),
                            "other": (byJudge ? slot.place : slot.judge) ?? "",
                        ]
                    },
                ]
            }
            return [
                "date": date.description, "weekday": weekdayName(date.weekday, english: english),
                "cells": cells, "weekend": date.weekday.isWeekend,
            ]
        }
        return [
            "columns": columns, "days": days, "count": slots.count, "empty": slots.isEmpty,
            "from": monday.description, "to": monday.adding(days: 6).description,
        ]
    }

    static func weekdayName(_ day: Weekday, english: Bool) -> String {
        if english { return day.name }
        return ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"][day.rawValue - 1]
    }
}
