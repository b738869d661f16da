"""A newcomer's first minutes in the sandbox, in headless Chromium, against the real bot.

Set OKR_SCREENSHOTS=DIR to keep a PNG of each step.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver import Chrome
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from bot.sandbox.demo import MAYA
from tests.sandbox.browser import chromium
from tests.sandbox.conftest import RunningSandbox

WAIT_S = 30.0  # conditions, not sleeps: each wait ends as soon as the page shows the thing
JUMP_WAIT_S = 120.0  # a week of jobs, digests and charts on a busy machine
TOO_BIG = "99999999999999"
# The chart's picture arrived (it has a size), scrolled into view for the screenshot.
CHART_SHOWN = "arguments[0].scrollIntoView(); return arguments[0].naturalWidth > 0"


class Newcomer:
    def __init__(self, driver: Chrome, shots: Path | None) -> None:
        self.driver = driver
        self.shots = shots
        self.step = 0

    def see(self, condition: Callable[[Chrome], object], timeout: float = WAIT_S) -> None:
        # The page redraws a region when the workspace changes: an element found just before
        # may be gone a moment later, so the condition is simply tried again.
        wait = WebDriverWait(
            self.driver, timeout, ignored_exceptions=[StaleElementReferenceException]
        )
        wait.until(condition)

    def see_text(self, text: str, where: str = "body") -> None:
        self.see(lambda d: text in d.find_element(By.CSS_SELECTOR, where).text)

    def type(self, text: str) -> None:
        self.driver.find_element(By.ID, "composer-text").send_keys(text + "\n")

    def click(self, xpath: str) -> None:
        def clicked(driver: Chrome) -> bool:
            found = driver.find_elements(By.XPATH, xpath)
            if found:
                found[-1].click()
            return bool(found)

        self.see(clicked)

    def shot(self, name: str) -> None:
        self.step += 1
        if self.shots is not None:
            self.driver.save_screenshot(str(self.shots / f"{self.step:02d}-{name}.png"))

    def fill(self, action_id: str, text: str) -> None:
        """Type into the first field of the open modal with this action_id."""

        def filled(driver: Chrome) -> bool:
            field = driver.find_element(By.CSS_SELECTOR, f".modal [data-action='{action_id}']")
            field.clear()
            field.send_keys(text)
            return field.get_attribute("value") == text

        self.see(filled)


@pytest.fixture
def newcomer(sandbox: RunningSandbox) -> Iterator[Newcomer]:
    shots = os.environ.get("OKR_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
    with chromium() as driver:
        driver.get(sandbox.url)
        yield Newcomer(driver, Path(shots) if shots else None)


def test_from_help_to_a_check_in_a_digest_and_a_post(newcomer: Newcomer) -> None:
    you = newcomer
    _the_prompt_then_help_then_home(you)
    _a_check_in_refused_on_its_field_then_saved(you)
    _a_week_on_the_digest_shows_its_chart(you)
    _the_lead_posts_the_digest(you)

    assert you.driver.find_element(By.ID, "problems").text == ""


def _the_prompt_then_help_then_home(you: Newcomer) -> None:
    you.see_text("Where do your key results stand", "#messages")
    you.shot("the-prompt-in-your-dm")

    you.type("/okr help")
    you.see_text("/okr checkin", ".message.ephemeral")
    you.shot("help")

    you.click("//a[contains(., 'Home')]")
    you.see_text("New visitors following at least one team", ".home")
    you.shot("home")


def _a_check_in_refused_on_its_field_then_saved(you: Newcomer) -> None:
    you.click("//a[contains(., 'Messages')]")
    you.click(
        "//article[.//*[contains(., 'Where do your key results stand')]]//button[.='Check in']"
    )
    you.see(lambda d: d.find_elements(By.CSS_SELECTOR, ".modal"))
    you.shot("check-in-modal")

    you.fill("input.value", TOO_BIG)
    you.click("//button[@data-submit]")
    you.see_text("out of range", ".modal .bk-input.has-error .bk-error")
    you.shot("error-on-its-field")

    you.fill("input.value", "27.5")
    you.click("//button[@data-submit]")
    you.see(lambda d: not d.find_elements(By.CSS_SELECTOR, ".modal"))
    you.see_text("27.5", "#messages")
    assert "Where do your key results stand" not in you.driver.find_element(By.ID, "messages").text
    you.shot("receipt")


def _a_week_on_the_digest_shows_its_chart(you: Newcomer) -> None:
    you.click("//button[@data-jump='digest']")
    you.see(lambda d: "digests" in d.find_element(By.ID, "toast").text, JUMP_WAIT_S)
    you.click("//a[contains(., 'growth')]")
    you.see_text("Growth", "#messages")
    you.click("(//a[@data-thread])[last()]")
    you.see(lambda d: d.find_elements(By.CSS_SELECTOR, "#thread figure.image img"))
    chart = "#thread figure.image img"
    you.see(lambda d: d.execute_script(CHART_SHOWN, d.find_element(By.CSS_SELECTOR, chart)))
    you.shot("digest-with-its-chart")


def _the_lead_posts_the_digest(you: Newcomer) -> None:
    Select(you.driver.find_element(By.ID, "act-as")).select_by_value(MAYA)
    you.see(lambda d: f"as={MAYA}" in d.current_url)
    you.see_text("growth", ".conversation-head")
    you.type("/okr digest post")
    you.see_text("Growth digest", ".message.ephemeral")
    you.shot("digest-post-as-the-lead")


def test_a_type_ahead_select_asks_the_bot_as_you_type(newcomer: Newcomer) -> None:
    """An external select's options come from the bot's options listener (block_suggestion):
    all teams on opening, then only the matches for what is typed; the pick is submitted."""
    you = newcomer
    Select(you.driver.find_element(By.ID, "act-as")).select_by_value(MAYA)
    you.see(lambda d: f"as={MAYA}" in d.current_url)
    you.type("/okr new")
    team = ".modal select[data-action='draft.team']"
    you.see(lambda d: d.find_elements(By.CSS_SELECTOR, team))

    def offered(driver: Chrome) -> list[str]:
        select = Select(driver.find_element(By.CSS_SELECTOR, team))
        return [option.text for option in select.options if option.get_attribute("value")]

    you.driver.find_element(By.CSS_SELECTOR, team).click()  # opening the menu asks at once
    you.see(lambda d: {"Growth", "Platform"} <= set(offered(d)))
    search = you.driver.find_element(By.CSS_SELECTOR, ".modal .bk-external .bk-suggest")
    search.send_keys("xyz")
    you.see(lambda d: offered(d) == ["Growth"])  # nothing matches; what is chosen stays
    search.clear()
    search.send_keys("plat")
    you.see(lambda d: offered(d) == ["Growth", "Platform"])
    Select(you.driver.find_element(By.CSS_SELECTOR, team)).select_by_visible_text("Platform")
    you.shot("type-ahead-team")

    you.click("//button[@data-submit]")  # without a title: the modal comes back with an error
    you.see(lambda d: d.find_elements(By.CSS_SELECTOR, ".modal .bk-input.has-error"))
    chosen = Select(you.driver.find_element(By.CSS_SELECTOR, team)).first_selected_option
    assert chosen.text == "Platform", "the pick was kept, with its text, through the round trip"
    assert you.driver.find_element(By.ID, "problems").text == ""


def test_a_value_pushed_from_the_page_shows_on_home(newcomer: Newcomer) -> None:
    you = newcomer
    you.click("//a[contains(., 'Home')]")
    you.see_text("Sign-ups from the stadium QR campaign", ".home")

    you.driver.find_element(By.ID, "push-value").send_keys("3210")
    you.click("//form[@id='push']//button")

    you.see_text("The bot answered 200", "#push-answer")
    you.see_text("3210 / 5000 sign-ups", ".home")
    you.shot("a-pushed-value-on-home")
    assert you.driver.find_element(By.ID, "problems").text == ""
