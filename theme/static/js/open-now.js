/* Open now: turns the weekly hours a page carries (data-week, in minutes from
   Monday 00:00 in the service's own time zone, data-tz) into "Open now" or
   "Closed, opens Tue 09:00". The browser's time-zone data handles midnight and
   daylight-saving changes. Without JavaScript the hours stay as text. */
(function () {
  "use strict";
  var WEEK = 7 * 24 * 60;
  var messages = window.SignpostMessages;  /* the page's language: theme/js/messages.js */
  var _ = messages.gettext;
  var DAYS = messages.days;  /* Monday to Sunday, short, in the page's language ("Mon", "lun.") */
  var INDEX = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

  function parse(week) {
    return (week || "").split(",").filter(Boolean).map(function (pair) {
      var parts = pair.split("-");
      return [parseInt(parts[0], 10), parseInt(parts[1], 10)];
    });
  }

  /* Minutes since Monday 00:00 at `date`, in the time zone `tz`. */
  function minuteOfWeek(date, tz) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: tz, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
    return INDEX[parts.weekday] * 1440 + parseInt(parts.hour, 10) * 60 + parseInt(parts.minute, 10);
  }

  function clock(minute) {
    var m = ((minute % WEEK) + WEEK) % WEEK;
    var day = Math.floor(m / 1440), rest = m % 1440;
    var hh = String(Math.floor(rest / 60)).padStart(2, "0"), mm = String(rest % 60).padStart(2, "0");
    return { day: DAYS[day], time: hh + ":" + mm };
  }

  /* {open: bool, text: "..."} for weekly intervals at `date`. */
  function status(week, tz, date) {
    var spans = typeof week === "string" ? parse(week) : week;
    if (!spans.length) { return null; }
    var now = minuteOfWeek(date, tz);
    for (var i = 0; i < spans.length; i++) {
      var s = spans[i][0], e = spans[i][1];
      if ((s <= now && now < e) || (s <= now + WEEK && now + WEEK < e)) {
        if (e - s >= WEEK) { return { open: true, text: _("Open now, 24 hours") }; }
        var closes = clock(e);
        if (e - (now < s ? now + WEEK : now) >= 1440) {  /* closes on another day: say which */
          return { open: true, text: _("Open now, until %(time)s %(day)s", { time: closes.time, day: closes.day }) };
        }
        return { open: true, text: _("Open now, until %(time)s", { time: closes.time }) };
      }
    }
    var next = null;
    spans.forEach(function (span) {
      var start = span[0] > now ? span[0] : span[0] + WEEK;
      if (next === null || start < next) { next = start; }
    });
    var opens = clock(next);
    return { open: false, text: _("Closed now, opens %(day)s %(time)s", { day: opens.day, time: opens.time }) };
  }

  window.SignpostOpenNow = { status: status };

  var nodes = document.querySelectorAll("[data-week][data-tz]");
  nodes.forEach(function (node) {
    var result = null;
    try {
      result = status(node.getAttribute("data-week"), node.getAttribute("data-tz"), new Date());
    } catch (error) {
      return; /* a time zone this browser does not know: this entry keeps its hours as text, the others still say */
    }
    if (!result) { return; }
    node.textContent = result.text;
    node.classList.add(result.open ? "is-open" : "is-closed");
    node.hidden = false;
  });
}());
