"""Write fixtures/trackers/<id>/{positive,negative}.html from vendor-shaped snippets.

Run once after adding a tracker; the fixtures are committed and reviewed like the catalog.
positive.html: the snippet as vendors ship it, each block preceded by `<!-- expect: <id> -->`.
negative.html: the same snippet where it never runs (escaped in <pre><code>, inside an HTML
comment, as JSON-LD, as prose), plus resource hints and look-alike names that are not the tracker.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

SNIPPETS: dict[str, str] = {
    "meta-pixel": """<script>
!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;
n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,
document,'script','https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '812345678901234');
fbq('track', 'PageView');
</script>""",
    "facebook-sdk": """<div id="fb-root"></div>
<script async defer crossorigin="anonymous" src="https://connect.facebook.net/en_US/sdk.js#xfbml=1&version=v19.0"></script>""",
    "google-analytics": """<script async src="https://www.googletagmanager.com/gtag/js?id=G-Q1W2E3R4T5"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'G-Q1W2E3R4T5');
</script>""",
    "google-ads": """<script async src="https://www.googletagmanager.com/gtag/js?id=AW-987654321"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'AW-987654321');
</script>""",
    "google-floodlight": """<script async src="https://www.googletagmanager.com/gtag/js?id=DC-1234567"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'DC-1234567');
</script>""",
    "google-publisher-tag": """<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-1234567890123456" crossorigin="anonymous"></script>""",
    "google-tag-manager": """<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
})(window,document,'script','dataLayer','GTM-ABC1234');</script>""",
    "us-dap": """<script async type="text/javascript" id="_fed_an_ua_tag" src="https://dap.digitalgov.gov/Universal-Federated-Analytics-Min.js?agency=HHS"></script>""",
    "microsoft-uet": """<script>(function(w,d,t,r,u){var f,n,i;w[u]=w[u]||[],f=function(){var o={ti:"187654321", enableAutoSpaTracking: true};
o.q=w[u],w[u]=new UET(o),w[u].push("pageLoad")},n=d.createElement(t),n.src=r,n.async=1,n.onload=n.onreadystatechange=function(){
var s=this.readyState;s&&s!=="loaded"&&s!=="complete"||(f(),n.onload=n.onreadystatechange=null)},i=d.getElementsByTagName(t)[0],
i.parentNode.insertBefore(n,i)})(window,document,"script","//bat.bing.com/bat.js","uetq");</script>""",
    "microsoft-clarity": """<script type="text/javascript">
    (function(c,l,a,r,i,t,y){
        c[a]=c[a]||function(){(c[a].q=c[a].q||[]).push(arguments)};
        t=l.createElement(r);t.async=1;t.src="https://www.clarity.ms/tag/"+i;
        y=l.getElementsByTagName(r)[0];y.parentNode.insertBefore(t,y);
    })(window, document, "clarity", "script", "k2j3h4g5f6");
</script>""",
    "xandr-pixel": """<script>!function(e,i){if(!e.pixie){var n=e.pixie=function(e,i,a){n.actionQueue.push({action:e,actionValue:i,params:a})};n.actionQueue=[];var a=i.createElement("script");a.async=!0,a.src="//acdn.adnxs.com/dmp/up/pixie.js";var t=i.getElementsByTagName("head")[0];t.insertBefore(a,t.firstChild)}}(window,document);
pixie('init', '0e1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d');</script>""",
    "linkedin-insight": """<script type="text/javascript">
_linkedin_partner_id = "1234567";
window._linkedin_data_partner_ids = window._linkedin_data_partner_ids || [];
window._linkedin_data_partner_ids.push(_linkedin_partner_id);
</script><script type="text/javascript">
(function(l) {
if (!l){window.lintrk = function(a,b){window.lintrk.q.push([a,b])};
window.lintrk.q=[]}
var s = document.getElementsByTagName("script")[0];
var b = document.createElement("script");
b.type = "text/javascript";b.async = true;
b.src = "https://snap.licdn.com/li.lms-analytics/insight.min.js";
s.parentNode.insertBefore(b, s);})(window.lintrk);
</script>""",
    "tiktok-pixel": """<script>
!function (w, d, t) {
  w.TiktokAnalyticsObject=t;var ttq=w[t]=w[t]||[];ttq.methods=["page","track","identify"];
  ttq.load=function(e,n){var r="https://analytics.tiktok.com/i18n/pixel/events.js";ttq._i=ttq._i||{},ttq._i[e]=[];
  var s=document.createElement("script");s.type="text/javascript",s.async=!0,s.src=r+"?sdkid="+e+"&lib="+t;
  var a=document.getElementsByTagName("script")[0];a.parentNode.insertBefore(s,a)};
  ttq.load('C1A2B3C4D5E6F7G8H9J0');
  ttq.page();
}(window, document, 'ttq');
</script>""",
    "x-pixel": """<script>
!function(e,t,n,s,u,a){e.twq||(s=e.twq=function(){s.exe?s.exe.apply(s,arguments):s.queue.push(arguments);
},s.version='1.1',s.queue=[],u=t.createElement(n),u.async=!0,u.src='https://static.ads-twitter.com/uwt.js',
a=t.getElementsByTagName(n)[0],a.parentNode.insertBefore(u,a))}(window,document,'script');
twq('config','o1abc');
</script>""",
    "pinterest-tag": """<script>
!function(e){if(!window.pintrk){window.pintrk = function () {
window.pintrk.queue.push(Array.prototype.slice.call(arguments))};var
  n=window.pintrk;n.queue=[],n.version="3.0";var
  t=document.createElement("script");t.async=!0,t.src=e;var
  r=document.getElementsByTagName("script")[0];
  r.parentNode.insertBefore(t,r)}}("https://s.pinimg.com/ct/core.js");
pintrk('load', '2612345678901');
pintrk('page');
</script>""",
    "snap-pixel": """<script type='text/javascript'>
(function(e,t,n){if(e.snaptr)return;var a=e.snaptr=function()
{a.handleRequest?a.handleRequest.apply(a,arguments):a.queue.push(arguments)};
a.queue=[];var s='script';r=t.createElement(s);r.async=!0;
r.src=n;var u=t.getElementsByTagName(s)[0];
u.parentNode.insertBefore(r,u);})(window,document,
'https://sc-static.net/scevent.min.js');
snaptr('init', '1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d');
snaptr('track', 'PAGE_VIEW');
</script>""",
    "reddit-pixel": """<script>
!function(w,d){if(!w.rdt){var p=w.rdt=function(){p.sendEvent?p.sendEvent.apply(p,arguments):p.callQueue.push(arguments)};
p.callQueue=[];var t=d.createElement("script");t.src="https://www.redditstatic.com/ads/pixel.js",t.async=!0;
var s=d.getElementsByTagName("script")[0];s.parentNode.insertBefore(t,s)}}(window,document);
rdt('init','t2_abc123xyz');
rdt('track', 'PageVisit');
</script>""",
    "nextdoor-pixel": """<script type="text/javascript">
(function(win, doc, sdk_url){
  if(win.ndp) return;
  var tr=win.ndp=function(){tr.handleRequest? tr.handleRequest.apply(tr, arguments):tr.queue.push(arguments);};
  tr.queue = [];
  var s='script';var new_script_section=doc.createElement(s);new_script_section.async=!0;new_script_section.src=sdk_url;
  var insert_pos=doc.getElementsByTagName(s)[0];insert_pos.parentNode.insertBefore(new_script_section,insert_pos);
})(window, document, 'https://ads.nextdoor.com/public/pixel/ndp.js');
ndp('init','a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', {});
ndp('track','PAGE_VIEW');
</script>""",
    "quora-pixel": """<script>
!function(q,e,v,n,t,s){if(q.qp) return; n=q.qp=function(){n.qp?n.qp.apply(n,arguments):n.queue.push(arguments);};
n.queue=[];t=document.createElement(e);t.async=!0;t.src=v; s=document.getElementsByTagName(e)[0];
s.parentNode.insertBefore(t,s);}(window, 'script', 'https://a.quora.com/qevents.js');
qp('init', '0123456789abcdef0123456789abcdef');
qp('track', 'ViewContent');
</script>""",
    "hotjar": """<script>
    (function(h,o,t,j,a,r){
        h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};
        h._hjSettings={hjid:3456789,hjsv:6};
        a=o.getElementsByTagName('head')[0];
        r=o.createElement('script');r.async=1;
        r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;
        a.appendChild(r);
    })(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');
</script>""",
    "fullstory": """<script>
window['_fs_host'] = 'fullstory.com';
window['_fs_script'] = 'edge.fullstory.com/s/fs.js';
window['_fs_org'] = 'o-1ABCDE-na1';
window['_fs_namespace'] = 'FS';
</script>""",
    "mouseflow": """<script type="text/javascript">
  window._mfq = window._mfq || [];
  (function() {
    var mf = document.createElement("script");
    mf.type = "text/javascript"; mf.defer = true;
    mf.src = "//cdn.mouseflow.com/projects/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d.js";
    document.getElementsByTagName("head")[0].appendChild(mf);
  })();
</script>""",
    "crazy-egg": """<script type="text/javascript" src="//script.crazyegg.com/pages/scripts/0012/3456.js" async="async"></script>""",
    "lucky-orange": """<script async defer src="https://tools.luckyorange.com/core/lo.js?site-id=ab12cd34"></script>""",
    "logrocket": """<script src="https://cdn.lr-ingest.com/LogRocket.min.js" crossorigin="anonymous"></script>
<script>window.LogRocket && window.LogRocket.init('clinic/patient-portal');</script>""",
    "heap": """<script type="text/javascript">
  window.heapReadyCb=window.heapReadyCb||[],window.heap=window.heap||[],heap.load=function(e,t){window.heap.envId=e,window.heap.clientConfig=t=t||{},window.heap.clientConfig.shouldFetchServerConfig=!1;var a=document.createElement("script");a.type="text/javascript",a.async=!0,a.src="https://cdn.us.heap-api.com/config/"+e+"/heap_config.js";var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(a,r)};
  heap.load("1234567890");
</script>""",
    "mixpanel": """<script type="text/javascript">
(function(f,b){if(!b.__SV){var e,g,i,h;window.mixpanel=b;b._i=[];b.init=function(e,f,c){};b.__SV=1.2;e=f.createElement("script");
e.type="text/javascript";e.async=!0;e.src="https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js";
g=f.getElementsByTagName("script")[0];g.parentNode.insertBefore(e,g)}})(document,window.mixpanel||[]);
mixpanel.init("0123456789abcdef0123456789abcdef", {track_pageview: true});
</script>""",
    "amplitude": """<script src="https://cdn.amplitude.com/script/0123456789abcdef0123456789abcdef.js"></script>
<script>window.amplitude.add(window.sessionReplay.plugin({sampleRate: 1}));window.amplitude.init('0123456789abcdef0123456789abcdef', {"autocapture": {"elementInteractions": true}});</script>""",
    "segment": """<script>
  !function(){var i="analytics",analytics=window[i]=window[i]||[];if(!analytics.initialize)if(analytics.invoked)window.console&&console.error&&console.error("Segment snippet included twice.");else{analytics.invoked=!0;
  analytics.load=function(key,n){var t=document.createElement("script");t.type="text/javascript";t.async=!0;t.setAttribute("data-global-segment-analytics-key",i);t.src="https://cdn.segment.com/analytics.js/v1/" + key + "/analytics.min.js";var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(t,r);analytics._loadOptions=n};
  analytics.SNIPPET_VERSION="5.2.0";
  analytics.load("AbCdEf0123456789AbCdEf0123");
  analytics.page();
  }}();
</script>""",
    "quantum-metric": """<script type="text/javascript">
(function() {
  var qtm = document.createElement('script'); qtm.type = 'text/javascript'; qtm.async = 1;
  qtm.src = 'https://cdn.quantummetric.com/qscripts/quantum-riverside.js';
  var d = document.getElementsByTagName('script')[0];
  !window.QuantumMetricAPI && d.parentNode.insertBefore(qtm, d);
})();
</script>""",
    "contentsquare": """<script type="text/javascript" src="https://t.contentsquare.net/uxa/0a1b2c3d4e5f6.js"></script>""",
    "smartlook": """<script type='text/javascript'>
  window.smartlook||(function(d) {
    var o=smartlook=function(){ o.api.push(arguments)},h=d.getElementsByTagName('head')[0];
    var c=d.createElement('script');o.api=new Array();c.async=true;c.type='text/javascript';
    c.charset='utf-8';c.src='https://web-sdk.smartlook.com/recorder.js';h.appendChild(c);
    })(document);
    smartlook('init', '0123456789abcdef0123456789abcdef01234567', { region: 'eu' });
</script>""",
    "inspectlet": """<script type="text/javascript">
(function() {
window.__insp = window.__insp || [];
__insp.push(['wid', 1234567890]);
var ldinsp = function(){
if(typeof window.__inspld != "undefined") return; window.__inspld = 1; var insp = document.createElement('script'); insp.type = 'text/javascript'; insp.async = true; insp.id = "inspsync"; insp.src = ('https:' == document.location.protocol ? 'https' : 'http') + '://cdn.inspectlet.com/inspectlet.js?wid=1234567890&r=' + Math.floor(new Date().getTime()/3600000); var x = document.getElementsByTagName('script')[0]; x.parentNode.insertBefore(insp, x); };
setTimeout(ldinsp, 0);
})();
</script>""",
    "vwo": """<link rel="preconnect" href="https://dev.visualwebsiteoptimizer.com" />
<script type='text/javascript' id='vwoCode'>
window._vwo_code || (function() {
var account_id=912345, version=2.1, settings_tolerance=2000, hide_element='body',
f=false,w=window,d=document,v=d.querySelector('#vwoCode'),cK='_vwo_'+account_id+'_settings',cc={};
var code = {use_existing_jquery:function(){return false}, init:function(){
var s=d.createElement('script'); s.src='https://dev.visualwebsiteoptimizer.com/j.php?a='+account_id+'&u='+encodeURIComponent(d.URL)+'&vn='+version;
d.getElementsByTagName('head')[0].appendChild(s);}};
w._vwo_code = code; code.init();})();
</script>""",
    "adobe-analytics": """<script src="/assets/js/AppMeasurement.min.js"></script>
<script>
  var s = s_gi("riversidehealthprod");
  s.pageName = document.title;
  s.t();
</script>""",
    "adobe-launch": """<script src="https://assets.adobedtm.com/0a1b2c3d4e5f/6a7b8c9d0e1f/launch-2a3b4c5d6e7f.min.js" async></script>""",
    "adobe-web-sdk": """<script>
  !function(n,o){o.forEach(function(o){n[o]||((n.__alloyNS=n.__alloyNS||[]).push(o),n[o]=function(){var u=arguments;return new Promise(function(i,l){n[o].q.push([i,l,u])})},n[o].q=[])})}
  (window,["alloy"]);
</script>
<script src="https://cdn1.adoberesources.net/alloy/2.19.1/alloy.min.js" async></script>""",
    "tealium-iq": """<script type="text/javascript">
var utag_data = { page_type: "home" };
</script>
<script type="text/javascript">
    (function(a,b,c,d){
    a='//tags.tiqcdn.com/utag/riverside/main/prod/utag.js';
    b=document;c='script';d=b.createElement(c);d.src=a;d.type='text/java'+c;d.async=true;
    a=b.getElementsByTagName(c)[0];a.parentNode.insertBefore(d,a);
    })();
</script>""",
    "hubspot": """<!-- Start of HubSpot Embed Code -->
<script type="text/javascript" id="hs-script-loader" async defer src="//js.hs-scripts.com/1234567.js"></script>
<!-- End of HubSpot Embed Code -->""",
    "marketo-munchkin": """<script type="text/javascript">
(function() {
  var didInit = false;
  function initMunchkin() {
    if(didInit === false) {
      didInit = true;
      Munchkin.init('123-ABC-456');
    }
  }
  var s = document.createElement('script');
  s.type = 'text/javascript';
  s.async = true;
  s.src = '//munchkin.marketo.net/munchkin.js';
  s.onreadystatechange = function() {
    if (this.readyState == 'complete' || this.readyState == 'loaded') {
      initMunchkin();
    }
  };
  s.onload = initMunchkin;
  document.getElementsByTagName('head')[0].appendChild(s);
})();
</script>""",
    "pardot": """<script type="text/javascript">
piAId = '123456';
piCId = '1234';
piHostname = 'pi.pardot.com';
(function() {
	function async_load(){
		var s = document.createElement('script'); s.type = 'text/javascript';
		s.src = ('https:' == document.location.protocol ? 'https://pi' : 'http://cdn') + '.pardot.com/pd.js';
		var c = document.getElementsByTagName('script')[0]; c.parentNode.insertBefore(s, c);
	}
	if(window.attachEvent) { window.attachEvent('onload', async_load); }
	else { window.addEventListener('load', async_load, false); }
})();
</script>""",
    "criteo": """<script type="text/javascript" src="//dynamic.criteo.com/js/ld/ld.js?a=12345" async="true"></script>
<script type="text/javascript">
window.criteo_q = window.criteo_q || [];
window.criteo_q.push(
  { event: "setAccount", account: 12345 },
  { event: "setSiteType", type: "d" },
  { event: "viewHome" }
);
</script>""",
    "taboola": """<script type="text/javascript">
  window._tfa = window._tfa || [];
  window._tfa.push({notify: 'event', name: 'page_view', id: 1234567});
  !function (t, f, a, x) {
         if (!document.getElementById(x)) {
            t.async = 1;t.src = a;t.id=x;f.parentNode.insertBefore(t, f);
         }
  }(document.createElement('script'),
  document.getElementsByTagName('script')[0],
  '//cdn.taboola.com/libtrc/unip/1234567/tfa.js',
  'tb_tfa_script');
</script>""",
    "outbrain": """<script data-obct type = "text/javascript">
  !function(_window, _document) {
    var OB_ADV_ID = '0123456789abcdef0123456789abcdef';
    if (_window.obApi) { var toArray = function(object) { return Object.prototype.toString.call(object) === '[object Array]' ? object : [object]; }; _window.obApi.marketerId = toArray(_window.obApi.marketerId).concat(toArray(OB_ADV_ID)); return; }
    var api = _window.obApi = function() { api.dispatch ? api.dispatch.apply(api, arguments) : api.queue.push(arguments); }; api.version = '1.1'; api.loaded = true; api.marketerId = OB_ADV_ID; api.queue = [];
    var tag = _document.createElement('script'); tag.async = true; tag.src = '//amplify.outbrain.com/cp/obtp.js'; tag.type = 'text/javascript';
    var script = _document.getElementsByTagName('script')[0]; script.parentNode.insertBefore(tag, script);
  }(window, document);
  obApi('track', 'PAGE_VIEW');
</script>""",
    "the-trade-desk": """<script src="https://js.adsrvr.org/up_loader.1.1.0.js" type="text/javascript"></script>
<script type="text/javascript">
    ttd_dom_ready( function() {
        if (typeof TTDUniversalPixelApi === 'function') {
            var universalPixelApi = new TTDUniversalPixelApi();
            universalPixelApi.init("abc1234", ["def5678"], "https://insight.adsrvr.org/track/up");
        }
    });
</script>""",
    "yahoo-dot": """<script type="application/javascript">(function(w,d,t,r,u){w[u]=w[u]||[];w[u].push({'projectId':'10000','properties':{'pixelId':'10123456'}});var s=d.createElement(t);s.src=r;s.async=true;s.onload=s.onreadystatechange=function(){var y,rs=this.readyState,c=w[u];if(rs&&rs!="complete"&&rs!="loaded"){return}try{y=YAHOO.ywa.I13N.fireBeacon;w[u]=[];w[u].push=function(p){y([p])};y(c)}catch(e){}};var scr=d.getElementsByTagName(t)[0],par=scr.parentNode;par.insertBefore(s,scr)})(window,document,"script","https://s.yimg.com/wi/ytc.js","dotq");</script>""",
    "amazon-ads": """<script>
!function(w,d,s,t,a){if(w.amzn)return;w.amzn=a=function(){w.amzn.q.push([arguments,(new Date).getTime()])};a.q=[];a.version="0.0";s=d.createElement("script");s.src="https://c.amazon-adsystem.com/aat/amzn.js";s.id="amzn-pixel";s.async=!0;t=d.getElementsByTagName("script")[0];t.parentNode.insertBefore(s,t)}(window,document);
amzn("setRegion", "NA");
amzn("addTag", "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d");
</script>""",
    "yandex-metrica": """<script type="text/javascript">
   (function(m,e,t,r,i,k,a){m[i]=m[i]||function(){(m[i].a=m[i].a||[]).push(arguments)};
   m[i].l=1*new Date();
   for (var j = 0; j < document.scripts.length; j++) {if (document.scripts[j].src === r) { return; }}
   k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)})
   (window, document, "script", "https://mc.yandex.ru/metrika/tag.js", "ym");
   ym(98765432, "init", { clickmap:true, trackLinks:true, accurateTrackBounce:true, webvisor:true });
</script>""",
    "matomo-cloud": """<script>
  var _paq = window._paq = window._paq || [];
  _paq.push(['trackPageView']);
  (function() {
    var u="https://riversidehealth.matomo.cloud/";
    _paq.push(['setTrackerUrl', u+'matomo.php']);
    _paq.push(['setSiteId', '1']);
    var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0];
    g.async=true; g.src='https://cdn.matomo.cloud/riversidehealth.matomo.cloud/matomo.js'; s.parentNode.insertBefore(g,s);
  })();
</script>""",
    "matomo": """<script>
  var _paq = window._paq = window._paq || [];
  _paq.push(['trackPageView']);
  (function() {
    var u="//stats.riversidehealth.example/";
    _paq.push(['setTrackerUrl', u+'matomo.php']);
    _paq.push(['setSiteId', '1']);
    var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0];
    g.async=true; g.src=u+'matomo.js'; s.parentNode.insertBefore(g,s);
  })();
</script>""",
    "piwik-pro": """<script type="text/javascript">
(function(window, document, dataLayerName, id) {
window[dataLayerName]=window[dataLayerName]||[],window[dataLayerName].push({start:(new Date).getTime(),event:"stg.start"});var scripts=document.getElementsByTagName('script')[0],tags=document.createElement('script');
var qP=[];dataLayerName!=="dataLayer"&&qP.push("data_layer_name="+dataLayerName);var qPString=qP.length>0?("?"+qP.join("&")):"";
tags.async=!0,tags.src="https://riverside.containers.piwik.pro/"+id+".js"+qPString,scripts.parentNode.insertBefore(tags,scripts);
})(window, document, 'dataLayer', '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d');
</script>""",
    "plausible": """<script defer data-domain="riversidehealth.example" src="https://plausible.io/js/script.js"></script>""",
    "plausible-self-hosted": """<script defer data-domain="riversidehealth.example" src="/stats/js/script.js"></script>
<script>window.plausible = window.plausible || function() { (window.plausible.q = window.plausible.q || []).push(arguments) }
plausible('Signup');</script>""",
    "umami": """<script defer src="https://cloud.umami.is/script.js" data-website-id="0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"></script>""",
    "umami-self-hosted": """<script defer src="/umami/script.js" data-website-id="0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"></script>
<script>document.querySelector('#book').addEventListener('click', () => umami.track('book-click'));</script>""",
    "fathom": """<script src="https://cdn.usefathom.com/script.js" data-site="ABCDEFGH" defer></script>""",
    "simple-analytics": """<script async defer src="https://scripts.simpleanalyticscdn.com/latest.js"></script>
<noscript><img src="https://queue.simpleanalyticscdn.com/noscript.gif" alt="" referrerpolicy="no-referrer-when-downgrade" /></noscript>""",
    "cloudflare-web-analytics": """<script defer src='https://static.cloudflareinsights.com/beacon.min.js' data-cf-beacon='{"token": "0123456789abcdef0123456789abcdef"}'></script>""",
    "baidu-tongji": """<script>
var _hmt = _hmt || [];
(function() {
  var hm = document.createElement("script");
  hm.src = "https://hm.baidu.com/hm.js?0123456789abcdef0123456789abcdef";
  var s = document.getElementsByTagName("script")[0];
  s.parentNode.insertBefore(hm, s);
})();
</script>""",
    "baidu-push": """<script>
(function(){
    var bp = document.createElement('script');
    var curProtocol = window.location.protocol.split(':')[0];
    if (curProtocol === 'https') {
        bp.src = 'https://zz.bdstatic.com/linksubmit/push.js';
    }
    else {
        bp.src = 'http://push.zhanzhang.baidu.com/push.js';
    }
    var s = document.getElementsByTagName("script")[0];
    s.parentNode.insertBefore(bp, s);
})();
</script>""",
    "cnzz": """<script type="text/javascript" src="https://s4.cnzz.com/z_stat.php?id=1234567890&web_id=1234567890"></script>""",
    "growingio": """<script type='text/javascript'>
!function(e,t,n,g,i){e[i]=e[i]||function(){(e[i].q=e[i].q||[]).push(arguments)},n=t.createElement("script"),tag=t.getElementsByTagName("script")[0],n.async=1,n.src=('https:'==document.location.protocol?'https://':'http://')+g,tag.parentNode.insertBefore(n,tag)}(window,document,"script","assets.giocdn.com/2.1/gio.js","gio");
gio('init','0a1b2c3d4e5f6a7b', {});
gio('send');
</script>""",
    "tencent-mta": """<script>
  var _mtac = {};
  (function() {
    var mta = document.createElement("script");
    mta.src = "//pingjs.qq.com/h5/stats.js?v2.0.4";
    mta.setAttribute("name", "MTAH5");
    mta.setAttribute("sid", "500123456");
    var s = document.getElementsByTagName("script")[0];
    s.parentNode.insertBefore(mta, s);
  })();
</script>""",
    "busuanzi": """<script async src="//busuanzi.ibruce.info/busuanzi/2.3/busuanzi.pure.mini.js"></script>
<span id="busuanzi_container_site_pv">Views: <span id="busuanzi_value_site_pv"></span></span>""",
}

NEGATIVE_EXTRA = """<p>We stopped using third-party analytics on clinical pages; see our privacy notice.</p>
<script>
  // our own code: same method names on our own objects, never the vendor's global
  var myApp = { ga: function () {}, track: function () {}, identify: function () {} };
  myApp.ga('send', 'pageview');
  myApp.track('PageView');
  var docsUrl = 'https://example.org/blog/how-we-removed-tracking-pixels';
</script>
"""


def positive(tracker: str, snippet: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{tracker}: positive fixture</title>
<!-- expect: {tracker} -->
{snippet}
</head>
<body><p>Vendor-shaped install snippet for {tracker}.</p></body>
</html>
"""


def negative(tracker: str, snippet: str) -> str:
    escaped = html.escape(snippet)
    commented = snippet.replace("-->", "--&gt;")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{tracker}: negative fixture (nothing here runs)</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "WebPage", "name": "How to install {tracker}"}}</script>
</head>
<body>
<h1>How the {tracker} snippet looks (documentation, not installed)</h1>
<pre><code>{escaped}</code></pre>
<!--
{commented}
-->
<p>The snippet above is shown as text only.</p>
{NEGATIVE_EXTRA}</body>
</html>
"""


def main(out: Path) -> None:
    for tracker, snippet in SNIPPETS.items():
        folder = out / tracker
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "positive.html").write_text(positive(tracker, snippet), encoding="utf-8")
        (folder / "negative.html").write_text(negative(tracker, snippet), encoding="utf-8")


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[2] / "fixtures" / "trackers"
    )
