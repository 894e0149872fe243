"""Java web templates: JSP, Thymeleaf, FreeMarker and AEM HTL. What each masks (exact text),
where trackers are reported (exact line and column, CRLF and BOM included), which files include
which (exact edges), and that hostile input stays linear."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_linear, write_tree

from pixellint import api, catalog, graph, sensitivity, suppress
from pixellint.config import Config
from pixellint.conventions.registry import is_data_file
from pixellint.detect import Detector
from pixellint.document import Document, language_of, prepare
from pixellint.languages import registry
from pixellint.languages.all_languages import DATA
from pixellint.languages.htl import htl_path
from pixellint.languages.thymeleaf import template_names
from pixellint.lookup import Lookup
from pixellint.source import decode


def doc_of(path: str, text: str) -> Document:
    return prepare(path, text, language_of(path) or DATA)


def positions(text: str, path: str) -> list[tuple[str, int, int]]:
    return [
        (s.tracker, s.location.line, s.location.column) for s in api.scan_text(text, path).sightings
    ]


def build(files: dict[str, str]) -> graph.Graph:
    """The template graph of a project given as {path: text}, data files included."""
    nodes = {}
    for path, text in files.items():
        if language_of(path) is not None or is_data_file(path):
            nodes[path] = graph.node_of(doc_of(path, text))
    return graph.build(nodes, Lookup(nodes))


def edges(files: dict[str, str]) -> set[tuple[str, str, str]]:
    built = build(files)
    return {(e.source, e.target, e.kind) for found in built.edges.values() for e in found}


def unresolved(files: dict[str, str]) -> set[tuple[str, str, str]]:
    return {(u.source, u.name, u.reason) for u in build(files).unresolved}


# --- JSP ---------------------------------------------------------------------------------------------
def test_jsp_masks_directives_comments_el_and_actions_same_length() -> None:
    text = '<%@ page x %>A<%-- c --%>B${a.b}C<c:if test="${x > 1}">D</c:if>E\\${raw}F#{b}'
    masked = doc_of("p.jsp", text).masked
    assert masked == (
        " " * 13 + "A" + " " * 11 + "B" + "_" * 6 + "C" + " " * 22 + "D" + " " * 7
        + "E\\${raw}F" + "_" * 4
    )  # fmt: skip


def test_jsp_printing_actions_are_output_and_stored_ones_control() -> None:
    text = '<c:out value="${u.email}"/>|<c:url var="u" value="/x"/>|<fmt:message key="k"/>'
    masked = doc_of("p.jsp", text).masked
    assert masked.split("|") == ["_" * 27, " " * 27, "_" * 22]


def test_jsp_scriptlets_expressions_and_xml_scripting() -> None:
    text = "<% int n = 1; %><%= n %><jsp:expression>n</jsp:expression><jsp:scriptlet>x();</jsp:scriptlet>"
    doc = doc_of("p.jspx", text)
    roles = [(text[r.start : r.end], str(r.kind)) for r in doc.regions]
    assert roles == [
        ("<% int n = 1; %>", "code"),
        ("<%= n %>", "output"),
        ("<jsp:expression>n</jsp:expression>", "output"),
        ("<jsp:scriptlet>x();</jsp:scriptlet>", "code"),
    ]


def test_jstl_inside_a_script_keeps_the_javascript_parsing() -> None:
    text = (
        "<script>\n"
        "  window.dataLayer = window.dataLayer || [];\n"
        '  <c:if test="${not empty user && user.visits > 1}">\n'
        "  dataLayer.push({'userEmail': '<c:out value=\"${user.email}\"/>'});\n"
        "  </c:if>\n"
        "</script>\n"
    )
    result = api.scan_text(text, "WEB-INF/views/home.jsp")
    assert not result.diagnostics
    (found,) = result.sightings
    assert (found.tracker, found.location.line, found.location.column) == (
        "google-tag-manager",
        4,
        3,
    )
    assert found.identity == 'template data <c:out value="${user.email}"/>'


def test_jsp_positions_with_crlf_and_a_bom() -> None:
    body = (
        '<%@ page contentType="text/html;charset=UTF-8" %>\r\n'
        "<%-- analytics,\r\n   reviewed --%>\r\n"
        '<c:if test="${prod}"><script async src="https://www.googletagmanager.com/gtag/js?id=${gaId}"></script>\r\n'
        "<script>\r\n  <c:if test=\"${consent}\">fbq('init', '${pixelId}');</c:if>\r\n</script></c:if>\r\n"
    )
    text = decode(b"\xef\xbb\xbf" + body.encode("utf-8")).text
    assert positions(text, "portal.jsp") == [("google-analytics", 4, 22), ("meta-pixel", 6, 27)]


def test_jsp_scriptlet_urls_count_and_java_comments_do_not() -> None:
    text = (
        "<%\n"
        "  // out.println(\"<script src='https://connect.facebook.net/en_US/fbevents.js'>\");\n"
        '  /* String hj = "https://static.hotjar.com/c/hotjar-1.js"; */\n'
        '  String gtm = "https://www.googletagmanager.com/gtm.js?id=GTM-ABC1234";\n'
        "%>\n"
    )
    assert positions(text, "WEB-INF/jspf/head.jspf") == [("google-tag-manager", 4, 17)]


def test_jsp_comment_hides_trackers_and_includes() -> None:
    text = '<%-- <script src="https://connect.facebook.net/en_US/fbevents.js"></script>\n<%@ include file="/WEB-INF/jspf/a.jspf" %> --%>'
    assert positions(text, "p.jsp") == []
    assert graph.node_of(doc_of("p.jsp", text)).references == ()


WEBAPP = "src/main/webapp"


def test_jsp_includes_resolve_from_the_web_root_and_relative() -> None:
    page = f"{WEBAPP}/WEB-INF/views/patient/portal.jsp"
    files = {
        page: (
            '<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>\n'
            '<%@ taglib prefix="c" uri="http://java.sun.com/jsp/jstl/core" %>\n'
            '<%@ include file="/WEB-INF/jspf/head.jspf" %>\n'
            '<t:layout title="x"><c:if test="${a}">\n'
            '<jsp:include flush="true" page="messages.jsp"><jsp:param name="n" value="1"/></jsp:include>\n'
            '<c:import url="/WEB-INF/views/common/conversion.jsp"/>\n'
            '<c:import url="https://partner.example/widget"/>\n'
            '<script src="${pageContext.request.contextPath}/resources/js/analytics.js"></script>\n'
            "<script src=\"<c:url value='/resources/js/consent.js'/>\"></script>\n"
            "</c:if></t:layout>\n"
        ),
        f"{WEBAPP}/WEB-INF/web.xml": "<web-app/>\n",
        f"{WEBAPP}/WEB-INF/jspf/head.jspf": '<%@ include file="gtm.jspf" %>\n',
        f"{WEBAPP}/WEB-INF/jspf/gtm.jspf": "<p>gtm</p>\n",
        f"{WEBAPP}/WEB-INF/tags/layout.tag": "<jsp:doBody/>\n",
        f"{WEBAPP}/WEB-INF/views/patient/messages.jsp": "<p>m</p>\n",
        f"{WEBAPP}/WEB-INF/views/common/conversion.jsp": "<p>c</p>\n",
        f"{WEBAPP}/resources/js/analytics.js": "hj('event', 'x');\n",
        f"{WEBAPP}/resources/js/consent.js": "x();\n",
        "other/WEB-INF/jspf/head.jspf": "<p>another web app</p>\n",
    }
    assert edges(files) == {
        (page, f"{WEBAPP}/WEB-INF/jspf/head.jspf", "include"),
        (page, f"{WEBAPP}/WEB-INF/tags/layout.tag", "tag"),
        (page, f"{WEBAPP}/WEB-INF/views/patient/messages.jsp", "jsp:include"),
        (page, f"{WEBAPP}/WEB-INF/views/common/conversion.jsp", "c:import"),
        (page, f"{WEBAPP}/resources/js/analytics.js", "script-src"),
        (page, f"{WEBAPP}/resources/js/consent.js", "script-src"),
        (f"{WEBAPP}/WEB-INF/jspf/head.jspf", f"{WEBAPP}/WEB-INF/jspf/gtm.jspf", "include"),
    }
    assert unresolved(files) == set()


def test_jsp_tag_files_and_dynamic_includes() -> None:
    page = "web/WEB-INF/jsp/a.jsp"
    files = {
        page: (
            '<%@ taglib tagdir="/WEB-INF/tags/ui" prefix="ui" %>\n'
            "<ui:card/><ui:card/><ui:panel>x</ui:panel><ui:missing/>\n"
            '<jsp:include page="${view}"/>\n'
        ),
        "web/WEB-INF/web.xml": "<web-app/>\n",
        "web/WEB-INF/tags/ui/card.tag": "<div><jsp:doBody/></div>\n",
        "web/WEB-INF/tags/ui/panel.tagx": "<div/>\n",
    }
    assert edges(files) == {
        (page, "web/WEB-INF/tags/ui/card.tag", "tag"),
        (page, "web/WEB-INF/tags/ui/panel.tagx", "tag"),
    }
    assert unresolved(files) == {
        (page, "/WEB-INF/tags/ui/missing", "no such file in the project"),
        (page, "${view}", "dynamic name"),
    }


def test_jsp_names_with_a_deployment_prefix_resolve_in_the_web_folder() -> None:
    """OpenMRS modules deploy omod/src/main/webapp under /WEB-INF/view/module/<id>/."""
    page = "omod/src/main/webapp/admin/users/userList.jsp"
    files = {
        page: (
            '<%@ include file="/WEB-INF/view/module/legacyui/template/include.jsp" %>\n'
            '<%@ include file="/WEB-INF/view/module/legacyui/template/missing.jsp" %>\n'
        ),
        "omod/src/main/webapp/template/include.jsp": "<p>i</p>\n",
        "api/src/main/webapp/template/missing.jsp": "<p>another module</p>\n",
    }
    assert edges(files) == {(page, "omod/src/main/webapp/template/include.jsp", "include")}
    assert unresolved(files) == {
        (page, "/WEB-INF/view/module/legacyui/template/missing.jsp", "no such file in the project")
    }


# --- Thymeleaf -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("~{fragments/analytics :: gtag}", ["fragments/analytics"]),
        ("~{fragments/analytics :: gtag(${gaId}, 'x')}", ["fragments/analytics"]),
        ("fragments/header :: header", ["fragments/header"]),
        ("fragments/footer", ["fragments/footer"]),
        ("~{layouts/main}", ["layouts/main"]),
        ("~{'layouts/main'}", ["layouts/main"]),
        ("${cond} ? ~{a :: b} : ~{}", ["a"]),
        ("~{:: local}", []),
        ("~{this :: local}", []),
        (":: local", []),
        ("~{${view} :: body}", ["${view}"]),
    ],
)
def test_thymeleaf_fragment_expressions_name_templates(value: str, names: list[str]) -> None:
    assert template_names(value) == names


def test_thymeleaf_is_claimed_by_content() -> None:
    html = registry.BY_NAME["html"]
    assert registry.for_text(html, '<div th:replace="~{a :: b}"></div>').name == "html+thymeleaf"
    assert (
        registry.for_text(html, '<html xmlns:th="http://www.thymeleaf.org"><p th:text="${x}">').name
        == "html+thymeleaf"
    )
    assert registry.for_text(html, '<p style="width: 10px">th: x</p>').name == "html"


def test_thymeleaf_masks_what_changes_at_render_time() -> None:
    text = (
        '<p th:text="${x}">'
        "<!--/* gone */-->"
        "<!--/*/ <b>kept</b> /*/-->"
        '<script th:src="@{/a.js}">'
        "var e = /*[[${u.email}]]*/ 'a@b.c'; f([[${n}]]); /*[+ g(); +]*/ /*[- h(); -]*/ [[1, 2]]"
    )
    masked = doc_of("t.html", text).masked
    assert masked == (
        '<p th:text="${x}">'
        + " " * 17
        + "        <b>kept</b>       "
        + '<script    src="@{/a.js}">'
        + "var e = " + "_" * 26 + "; f(" + "_" * 8 + ");      g();" + " " * 20 + " [[1, 2]]"
    )  # fmt: skip


def test_thymeleaf_th_src_and_inline_javascript_positions() -> None:
    text = (
        '<html xmlns:th="http://www.thymeleaf.org">\n'
        "<!--/* <script>fbq('init', '1');</script> */-->\n"
        '  <script async th:src="@{https://www.googletagmanager.com/gtag/js(id=${gaId})}"></script>\n'
        '<script th:inline="javascript">\n'
        "  var email = /*[[${patient.email}]]*/ 'jane@example.com';\n"
        "  ttq.identify({email: email});\n"
        "  /*[+ hj('event', /*[[${evt}]]*/ 'x'); +]*/\n"
        "</script>\n"
    )
    result = api.scan_text(text, "portal.html")
    assert not result.diagnostics
    assert [(s.tracker, s.location.line, s.location.column) for s in result.sightings] == [
        ("google-analytics", 3, 3),
        ("tiktok-pixel", 6, 3),
        ("hotjar", 7, 8),
    ]
    assert result.sightings[1].identity == "ttq.identify() with email"


def test_thymeleaf_edges_from_the_templates_root() -> None:
    root = "app/src/main/resources/templates"
    page = f"{root}/patient/portal.html"
    files = {
        page: (
            '<html xmlns:th="http://www.thymeleaf.org" layout:decorate="~{layouts/main}">\n'
            '<div th:replace="~{fragments/analytics :: gtag(${id})}"></div>\n'
            '<div th:insert="fragments/chat :: widget"></div>\n'
            '<div data-th-include="~{fragments/footer}"></div>\n'
            '<div th:replace="~{:: local}"></div>\n'
            '<div th:replace="~{${view} :: x}"></div>\n'
            '<!--/* <div th:replace="~{fragments/old :: x}"></div> */-->\n'
            '<script th:src="@{/js/consent.js(v=${version})}"></script>\n'
            "</html>\n"
        ),
        f"{root}/layouts/main.html": '<html xmlns:th="http://www.thymeleaf.org"></html>\n',
        f"{root}/fragments/analytics.html": '<div th:fragment="gtag"></div>\n',
        f"{root}/fragments/chat.html": '<div th:fragment="widget"></div>\n',
        f"{root}/fragments/footer.html": '<div th:fragment="footer"></div>\n',
        f"{root}/fragments/old.html": '<div th:fragment="x"></div>\n',
        "app/src/main/resources/static/js/consent.js": "x();\n",
        "other/src/main/resources/templates/fragments/chat.html": '<p th:text="x"></p>\n',
    }
    assert edges(files) == {
        (page, f"{root}/layouts/main.html", "layout:decorate"),
        (page, f"{root}/fragments/analytics.html", "th:replace"),
        (page, f"{root}/fragments/chat.html", "th:insert"),
        (page, f"{root}/fragments/footer.html", "th:include"),
        (page, "app/src/main/resources/static/js/consent.js", "script-src"),
    }
    assert unresolved(files) == {(page, "${view}", "dynamic name")}


def test_thymeleaf_prototype_only_blocks_keep_their_includes() -> None:
    root = "src/main/resources/templates"
    page = f"{root}/page.html"
    files = {
        page: (
            '<html xmlns:th="http://www.thymeleaf.org">\n'
            '<!--/*/ <th:block th:replace="~{fragments/gtm :: gtm}"></th:block> /*/-->\n'
            "</html>\n"
        ),
        f"{root}/fragments/gtm.html": '<p th:text="x"></p>\n',
    }
    assert edges(files) == {(page, f"{root}/fragments/gtm.html", "th:replace")}


# --- FreeMarker ------------------------------------------------------------------------------------------
def test_freemarker_masks_directives_interpolations_and_comments() -> None:
    text = (
        '<#if (n > 0) && s == "a>b">A</#if>'
        "<#if a < b>B</#if>"
        "<#-- <#if> -->"
        '<@layout.page title="x">C</@layout.page>'
        "<@spring.url '/x'/>"
        '${ {"k": 1}["k"] }'
    )
    masked = doc_of("t.ftlh", text).masked
    assert masked == (
        " " * 27 + "A" + " " * 6 + " " * 11 + "B" + " " * 6 + " " * 14
        + " " * 24 + "C" + " " * 15 + "_" * 19 + "_" * 18
    )  # fmt: skip


def test_freemarker_positions_with_crlf() -> None:
    text = (
        '<#import "/layout/base.ftlh" as layout>\r\n'
        "<#-- <script>fbq('init', '1');</script> -->\r\n"
        '<@layout.page title="Records">\r\n'
        "<script>\r\n"
        "  <#if analytics.enabled>gtag('config', '${gaId}', {'user_id': '${patient.id}'});</#if>\r\n"
        "</script>\r\n"
        "</@layout.page>\r\n"
    )
    result = api.scan_text(text, "records.ftlh")
    assert [(s.tracker, s.location.line, s.location.column) for s in result.sightings] == [
        ("google-analytics", 5, 26)
    ]
    assert result.sightings[0].identity == "gtag('config') with user_id"


def test_freemarker_imports_count_when_their_macros_are_called() -> None:
    root = "web/src/main/resources/templates"
    page = f"{root}/patient/records.ftlh"
    files = {
        page: (
            '<#import "/layout/base.ftlh" as layout>\n'
            '<#import "/spring.ftl" as spring>\n'
            '<#import "../lib/unused.ftlh" as unused>\n'
            '<#include "../common/chat.ftlh">\n'
            '<#include "*/acquired.ftlh">\n'
            '<#include "${theme}/x.ftlh">\n'
            '<#-- <#include "/common/old.ftlh"> -->\n'
            '<@layout.page><@spring.message "x"/></@layout.page>\n'
        ),
        f"{root}/layout/base.ftlh": '<#macro page><#include "/common/analytics.ftlh"><#nested></#macro>\n',
        f"{root}/common/analytics.ftlh": "<p>a</p>\n",
        f"{root}/common/chat.ftlh": "<p>c</p>\n",
        f"{root}/common/old.ftlh": "<p>o</p>\n",
        f"{root}/lib/unused.ftlh": "<#macro x></#macro>\n",
        f"{root}/acquired.ftlh": "<p>acquired</p>\n",
    }
    assert edges(files) == {
        (page, f"{root}/layout/base.ftlh", "import"),
        (page, f"{root}/common/chat.ftlh", "include"),
        (page, f"{root}/acquired.ftlh", "include"),
        (f"{root}/layout/base.ftlh", f"{root}/common/analytics.ftlh", "include"),
    }
    assert unresolved(files) == {(page, "${theme}/x.ftlh", "dynamic name")}


def test_keycloak_theme_names_are_relative_and_parent_theme_names_stay_unresolved() -> None:
    theme = "themes/src/main/resources/theme/clinic/login"
    files = {
        f"{theme}/login.ftl": (
            '<#import "template.ftl" as layout>\n'
            '<#import "user-profile-commons.ftl" as userProfileCommons>\n'
            "<@layout.registrationLayout; section><@userProfileCommons.userProfileFormFields/>"
            "</@layout.registrationLayout>\n"
        ),
        f"{theme}/template.ftl": "<#macro registrationLayout><#nested></#macro>\n",
        f"{theme}/theme.properties": "parent=keycloak\n",
        "themes/src/main/resources/theme/base/other/user-profile-commons.ftl": "<#macro x></#macro>\n",
    }
    assert edges(files) == {(f"{theme}/login.ftl", f"{theme}/template.ftl", "import")}
    assert unresolved(files) == {
        (f"{theme}/login.ftl", "user-profile-commons.ftl", "no such file in the project")
    }


def test_square_bracket_syntax_is_claimed_when_the_first_tag_is_square() -> None:
    ftl = registry.BY_NAME["freemarker"]
    assert (
        registry.for_text(ftl, "[#ftl]\n<p>[#if x]y[/#if]</p>").name
        == "freemarker+freemarker-square"
    )
    assert (
        registry.for_text(ftl, "<p>[@cms.area name='main'/]</p>").name
        == "freemarker+freemarker-square"
    )
    assert registry.for_text(ftl, "<#if x>[#if y]</#if>").name == "freemarker"
    assert registry.for_text(ftl, "<p>[#1] issue</p>").name == "freemarker"


def test_square_bracket_directives_nest_brackets_and_strings() -> None:
    text = '[#if xs[0]?has_content && m["a]"]]A[/#if][@cms.area name="main"/][#-- [#if] --]${x}'
    masked = doc_of("t.ftl", text).masked
    assert masked == " " * 34 + "A" + " " * 6 + "_" * 24 + " " * 14 + "_" * 4


def test_square_bracket_includes_and_imports_from_the_modules_folder() -> None:
    module = "light-modules/clinic-site/templates"
    page = f"{module}/pages/portal.ftl"
    files = {
        page: (
            '[#include "/clinic-site/templates/includes/head.ftl"]\n'
            '[#import "/clinic-site/templates/includes/tracking.ftl" as tracking]\n'
            '[#import "/clinic-site/templates/includes/unused.ftl" as unused]\n'
            '[#-- [#include "/clinic-site/templates/includes/old.ftl"] --]\n'
            "<body>[@tracking.pageview /]</body>\n"
        ),
        f"{module}/includes/head.ftl": "[#macro pageHead][/#macro]\n",
        f"{module}/includes/tracking.ftl": "[#macro pageview][/#macro]\n",
        f"{module}/includes/unused.ftl": "[#macro x][/#macro]\n",
        f"{module}/includes/old.ftl": "[#macro x][/#macro]\n",
    }
    assert edges(files) == {
        (page, f"{module}/includes/head.ftl", "include"),
        (page, f"{module}/includes/tracking.ftl", "import"),
    }


# --- HTL (AEM) -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "path"),
    [
        ("partials/analytics.html", "partials/analytics.html"),
        ("${'analytics.html'}", "analytics.html"),
        ("${'analytics.html' @ prependPath='partials'}", "partials/analytics.html"),
        ("${'analytics' @ appendPath='tracking.html'}", "analytics/tracking.html"),
        ("${properties.script}", None),
        ("${@ file='tpl.html'}", "tpl.html"),
    ],
)
def test_htl_paths(value: str, path: str | None) -> None:
    assert htl_path(value)[0] == path


def test_htl_masks_expressions_and_keeps_template_scripts_live() -> None:
    text = (
        '<template data-sly-template.pixel="${@ id}">\n'
        "<script>fbq('init', '${id @ context=\"scriptString\"}', {em: '${user.email @ context=\"scriptString\"}'});</script>\n"
        "</template>\n"
        "<!--/* <script>ttq.load('X');</script> */-->\n"
        "<p>\\${literal}</p>\n"
    )
    result = api.scan_text(text, "tracking.html")
    assert [
        (s.tracker, s.location.line, s.location.column, s.identity) for s in result.sightings
    ] == [("meta-pixel", 2, 9, "fbq('init') with em")]
    masked = doc_of("tracking.html", text).masked
    assert masked.splitlines()[0] == " " * 44 and masked.splitlines()[4] == "<p>\\${literal}</p>"


APPS = "ui.apps/src/main/content/jcr_root/apps"


def _component(supertype: str = "") -> str:
    attribute = f' sling:resourceSuperType="{supertype}"' if supertype else ""
    return f'<jcr:root jcr:primaryType="cq:Component"{attribute}/>\n'


def test_htl_includes_uses_and_resource_types() -> None:
    body = f"{APPS}/clinic/components/portal/body.html"
    files = {
        body: (
            '<div data-sly-include="partials/nav.html"></div>\n'
            "<div data-sly-include=\"${'chat.html' @ prependPath='partials'}\"></div>\n"
            '<sly data-sly-use.t="/apps/clinic/components/utils/tracking.html" data-sly-call="${t.pixel}"/>\n'
            '<sly data-sly-use.u="../utils/unused.html"/>\n'
            '<sly data-sly-use.clientlib="core/wcm/components/commons/v1/templates/clientlib.html" data-sly-call="${clientlib.js @ categories=\'x\'}"/>\n'
            "<sly data-sly-resource=\"${'a' @ resourceType='clinic/components/analytics'}\"/>\n"
            "<sly data-sly-resource=\"${'t' @ resourceType='clinic/components/text'}\"/>\n"
            "<sly data-sly-resource=\"${'g' @ resourceType='wcm/foundation/components/responsivegrid'}\"/>\n"
            "<sly data-sly-resource=\"${'par'}\"/>\n"
            '<div data-sly-include="${properties.partial}"></div>\n'
        ),
        f"{APPS}/clinic/components/portal/partials/nav.html": "<nav></nav>\n",
        f"{APPS}/clinic/components/portal/partials/chat.html": "<p></p>\n",
        f"{APPS}/clinic/components/utils/tracking.html": "<template data-sly-template.pixel></template>\n",
        f"{APPS}/clinic/components/utils/unused.html": "<p></p>\n",
        f"{APPS}/clinic/components/analytics/.content.xml": _component(),
        f"{APPS}/clinic/components/analytics/analytics.html": "<p></p>\n",
        f"{APPS}/clinic/components/text/.content.xml": _component(
            "core/wcm/components/text/v2/text"
        ),
    }
    assert edges(files) == {
        (body, f"{APPS}/clinic/components/portal/partials/nav.html", "data-sly-include"),
        (body, f"{APPS}/clinic/components/portal/partials/chat.html", "data-sly-include"),
        (body, f"{APPS}/clinic/components/utils/tracking.html", "data-sly-use"),
        (body, f"{APPS}/clinic/components/analytics/analytics.html", "data-sly-resource"),
        (body, f"{APPS}/clinic/components/text/.content.xml", "data-sly-resource"),
    }
    assert unresolved(files) == {(body, "${properties.partial}", "dynamic name")}


def test_aem_super_types_and_client_libraries() -> None:
    page = f"{APPS}/clinic/components/page"
    portal = f"{APPS}/clinic/components/portal-page"
    libs = f"{APPS}/clinic/clientlibs"
    files = {
        f"{page}/.content.xml": _component("core/wcm/components/page/v3/page"),
        f"{page}/customheaderlibs.html": '<script src="//assets.adobedtm.com/x/launch-y.min.js"></script>\n',
        f"{page}/customfooterlibs.html": (
            '<sly data-sly-use.clientlib="core/wcm/components/commons/v1/templates/clientlib.html">'
            "<sly data-sly-call=\"${clientlib.js @ categories=['clinic.site', 'clinic.forms']}\"/></sly>\n"
        ),
        f"{page}/body.html": '<main data-sly-include="main.html"></main>\n',
        f"{portal}/.content.xml": _component("clinic/components/page"),
        f"{portal}/body.html": '<main data-sly-test="${true}"></main>\n',
        f"{libs}/site/.content.xml": (
            '<jcr:root jcr:primaryType="cq:ClientLibraryFolder" categories="[clinic.site]" embed="[clinic.analytics]"/>\n'
        ),
        f"{libs}/site/js.txt": "#base=js\nsite.js\n",
        f"{libs}/site/js/site.js": "x();\n",
        f"{libs}/site/js/unlisted.js": "y();\n",
        f"{libs}/analytics/.content.xml": (
            '<jcr:root jcr:primaryType="cq:ClientLibraryFolder" categories="{String}[clinic.analytics]"/>\n'
        ),
        f"{libs}/analytics/tracking.js": "alloy('sendEvent', {});\n",
        "ui.frontend/src/main/webpack/static/index.html": (
            '<script src="/etc.clientlibs/clinic/clientlibs/site.min.js"></script>\n'
        ),
    }
    found = {e for e in edges(files) if e[2] in ("supertype", "clientlib", "script-src")}
    assert found == {
        (
            "ui.frontend/src/main/webpack/static/index.html",
            f"{libs}/site/.content.xml",
            "script-src",
        ),
        (f"{libs}/site/.content.xml", f"{libs}/site/js/site.js", "clientlib"),
        (f"{libs}/site/.content.xml", f"{libs}/analytics/tracking.js", "clientlib"),
        (f"{libs}/analytics/.content.xml", f"{libs}/analytics/tracking.js", "clientlib"),
        (f"{portal}/.content.xml", f"{page}/customheaderlibs.html", "supertype"),
        (f"{portal}/.content.xml", f"{page}/customfooterlibs.html", "supertype"),
        (f"{portal}/body.html", f"{page}/customheaderlibs.html", "supertype"),
        (f"{portal}/body.html", f"{page}/customfooterlibs.html", "supertype"),
        (f"{page}/customfooterlibs.html", f"{libs}/site/js/site.js", "clientlib"),
        (f"{page}/customfooterlibs.html", f"{libs}/analytics/tracking.js", "clientlib"),
    }


def test_a_sensitive_aem_component_reaches_its_super_types_head_libraries(tmp_path: Path) -> None:
    apps = tmp_path / APPS
    write_tree(
        apps,
        {
            "clinic/components/page/.content.xml": _component("core/wcm/components/page/v3/page"),
            "clinic/components/page/customheaderlibs.html": (
                '<sly data-sly-test="${wcmmode.disabled}">\n'
                '<script src="//assets.adobedtm.com/6a7b/launch-2a3b.min.js" async></script>\n'
                "</sly>\n"
            ),
            "clinic/components/portal-page/.content.xml": _component("clinic/components/page"),
            "clinic/components/portal-page/body.html": (
                '<!--/* pixellint: sensitive */-->\n<main data-sly-test="${true}"></main>\n'
            ),
        },
    )
    result = api.run([tmp_path], Config(), tmp_path)
    lines = {
        (
            f.rule,
            f.location.path,
            f.location.line,
            f.location.column,
            e.page,
            tuple(s.target for s in e.chain),
        )
        for f in result.findings
        for e in f.exposures
    }
    assert lines == {
        (
            "PXL102",
            f"{APPS}/clinic/components/page/customheaderlibs.html",
            2,
            1,
            f"{APPS}/clinic/components/portal-page/body.html",
            (f"{APPS}/clinic/components/page/customheaderlibs.html",),
        )
    }


# --- linear time -----------------------------------------------------------------------------------------
HOSTILE = {
    "jsp openers": ("p.jsp", '<%-- <% ${ #{ <c:if test="${ <jsp:scriptlet> \\${ ${\' ${" '),
    "jsp includes": (
        "p.jsp",
        '<%@ include file="<jsp:include page=\'<c:import url="<t:x <%@ taglib tagdir="',
    ),
    "thymeleaf": (
        "t.html",
        '<p th:x="1"> <!--/* <!--/*/ /*[[${ [[${ [(${ /*[- /*[+ th:src="@{ ~{ th:replace="~{a :: b( ',
    ),
    "thymeleaf layout": ("t.html", 'layout:decorate="~{ data-th-replace=\'~{ th:src="@{/a.js( '),
    "freemarker": (
        "t.ftl",
        '<#if ( <#if " <@x ( <#-- ${ </# </@ <#if < #{ <#import "x" as y> <@y. <#include " ',
    ),
    "freemarker square": (
        "t.ftl",
        '[#ftl] [#if ( [#if " [@x [ [#-- ${ [/# [/@ [#if xs[ [#import "x" as y] [@y. [#include " ',
    ),
    "htl": (
        "c.html",
        'data-sly-include="${\' <template data-sly-template. data-sly-use.x=" ${ data-sly-call="${x. <!--/* ',
    ),
}


def _analyse(path: str, text: str, detector: Detector) -> None:
    doc = prepare(path, text, language_of(path) or DATA)
    graph.node_of(doc)
    getattr(sensitivity.marker(doc), "reason", None)
    suppress.suppressions(doc)
    detector.detect(doc)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_megabyte_of_openers_takes_linear_time(name: str) -> None:
    path, unit = HOSTILE[name]
    text = unit * (200_000 // len(unit))
    detector = Detector(catalog.load())
    _analyse(path, text[:1000], detector)
    assert_linear(lambda n: _analyse(path, text * n, detector), name)
